package dev.sopctl.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptStoreTest {
    @TempDir
    Path dir;

    private TranscriptStore store;

    @BeforeEach
    void setUp() {
        store = new TranscriptStore(dir);
    }

    @Test
    void defaultDirFollowsXdgStateHome() {
        assertThat(TranscriptStore.defaultDir(Map.of("XDG_STATE_HOME", "/var/state", "HOME", "/home/a")))
                .isEqualTo(Path.of("/var/state/sopctl/transcripts"));
        assertThat(TranscriptStore.defaultDir(Map.of("HOME", "/home/a")))
                .isEqualTo(Path.of("/home/a/.local/state/sopctl/transcripts"));
        assertThat(TranscriptStore.defaultDir(Map.of("XDG_STATE_HOME", "relative", "HOME", "/home/a")))
                .isEqualTo(Path.of("/home/a/.local/state/sopctl/transcripts"));
        assertThat(TranscriptStore.defaultDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local/state/sopctl/transcripts"));
    }

    @Test
    void fileForIsTheRunIdWithJsonl() {
        assertThat(store.fileFor("20261123-142501-a1b2c3")).isEqualTo(dir.resolve("20261123-142501-a1b2c3.jsonl"));
        assertThatThrownBy(() -> store.fileFor("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsNewestFirstWithOutcomesAndToleratesDamage() throws Exception {
        // given two runs, one killed, one damaged file and a file that is not a transcript
        Fixtures.run(store.fileFor("20261123-142501-aaaaaa"), "20261123-142501-aaaaaa", Redactor.NONE, true);
        Fixtures.run(store.fileFor("20261124-090000-bbbbbb"), "20261124-090000-bbbbbb", Redactor.NONE, false);
        Files.writeString(store.fileFor("20261125-120000-cccccc"), "garbage\n{\"half");
        Files.writeString(dir.resolve("notes.txt"), "not a transcript");

        // when
        List<TranscriptSummary> list = store.list();

        // then (the fixtures all start at the fixed clock, the damaged one by its id)
        assertThat(list).extracting(TranscriptSummary::id)
                .containsExactly("20261125-120000-cccccc", "20261124-090000-bbbbbb", "20261123-142501-aaaaaa");
        TranscriptSummary damaged = list.get(0);
        assertThat(damaged.start()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
        assertThat(damaged.outcome()).isEqualTo("incomplete");
        assertThat(damaged.operator()).isNull();
        TranscriptSummary killed = list.get(1);
        assertThat(killed.outcome()).isEqualTo("incomplete");
        assertThat(killed.exitCode()).isNull();
        assertThat(killed.complete()).isFalse();
        TranscriptSummary done = list.get(2);
        assertThat(done).isEqualTo(new TranscriptSummary("20261123-142501-aaaaaa", store.fileFor("20261123-142501-aaaaaa"),
                Fixtures.T0, "alice@ops1", "pvdi/node-shutdown", "sopctl node shutdown node1 --reason 'kernel update'",
                "kernel update", "ok", 0, false));
        assertThat(done.complete()).isTrue();
    }

    @Test
    void anAbsentFolderHasNoTranscripts() {
        TranscriptStore absent = new TranscriptStore(dir.resolve("absent"));

        assertThat(absent.list()).isEmpty();
        assertThatThrownBy(() -> absent.find("last")).isInstanceOf(SopctlException.class)
                .hasMessage("no transcripts in " + dir.resolve("absent"));
    }

    @Test
    void findsByIdUniquePrefixLastOrPath() {
        for (String id : List.of("20261123-142501-aaaaaa", "20261123-142502-bbbbbb", "20261124-090000-cccccc")) {
            Fixtures.run(store.fileFor(id), id, Redactor.NONE, true);
        }

        assertThat(store.find("20261123-142501-aaaaaa")).isEqualTo(store.fileFor("20261123-142501-aaaaaa"));
        assertThat(store.find("20261123-142501-aaaaaa.jsonl")).isEqualTo(store.fileFor("20261123-142501-aaaaaa"));
        assertThat(store.find("20261124")).isEqualTo(store.fileFor("20261124-090000-cccccc"));
        assertThat(store.find("20261123-142502")).isEqualTo(store.fileFor("20261123-142502-bbbbbb"));
        assertThat(store.find("last")).isEqualTo(store.fileFor("20261124-090000-cccccc"));
        assertThat(store.find(null)).isEqualTo(store.fileFor("20261124-090000-cccccc"));
        assertThat(store.find(store.fileFor("20261123-142501-aaaaaa").toString()))
                .isEqualTo(store.fileFor("20261123-142501-aaaaaa"));
    }

    @Test
    void anAmbiguousOrUnknownPrefixIsExit65WithAClearMessage() {
        for (String id : List.of("20261123-142501-aaaaaa", "20261123-142502-bbbbbb", "20261124-090000-cccccc")) {
            Fixtures.run(store.fileFor(id), id, Redactor.NONE, true);
        }

        assertThatThrownBy(() -> store.find("2026"))
                .isInstanceOf(SopctlException.class)
                .hasMessage("'2026' matches 3 transcripts: 20261123-142501-aaaaaa, 20261123-142502-bbbbbb, "
                        + "20261124-090000-cccccc")
                .satisfies(e -> assertThat(((SopctlException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
        assertThatThrownBy(() -> store.find("x"))
                .isInstanceOf(SopctlException.class)
                .hasMessage("no transcript matches 'x' in " + dir)
                .satisfies(e -> assertThat(((SopctlException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
        assertThatThrownBy(() -> store.find(dir.resolve("missing.jsonl").toString()))
                .isInstanceOf(SopctlException.class).hasMessageContaining("no transcript file");
    }
}
