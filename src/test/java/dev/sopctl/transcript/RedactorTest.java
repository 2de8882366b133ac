package dev.sopctl.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void replacesEveryOccurrenceLongestFirst() {
        // given secrets where one contains the other
        Redactor redactor = new Redactor(List.of("pass", "password123"));

        // when
        String out = redactor.redact("mysql -ppassword123; echo pass; echo password123pass");

        // then
        assertThat(out).isEqualTo("mysql -p***; echo ***; echo ******");
    }

    @Test
    void hidesTheShellQuotedAndJsonEscapedFormsOfASecret() {
        Redactor redactor = new Redactor(List.of("Ab'c\"d\\e"));

        assertThat(redactor.redact("mysql -p'Ab'\\''c\"d\\e' x")).isEqualTo("mysql -p'***' x");
        assertThat(redactor.redact("{\"command\":\"mysql -p'Ab'\\\\''c\\\"d\\\\e'\"}"))
                .isEqualTo("{\"command\":\"mysql -p'***'\"}");
        assertThat(redactor.redact("{\"line\":\"Ab'c\\\"d\\\\e\"}")).isEqualTo("{\"line\":\"***\"}");
    }

    @Test
    void hidesEachLongEnoughLineOfAMultiLineSecret() {
        Redactor redactor = new Redactor(List.of("-----BEGIN KEY-----\nb3BlbnNzaC1rZXkt\nxy\n-----END KEY-----"));

        assertThat(redactor.redact("b3BlbnNzaC1rZXkt")).isEqualTo("***");
        assertThat(redactor.redact("got -----END KEY-----")).isEqualTo("got ***");
        assertThat(redactor.redact("{\"all\":\"-----BEGIN KEY-----\\nb3BlbnNzaC1rZXkt\\nxy\\n-----END KEY-----\"}"))
                .isEqualTo("{\"all\":\"***\"}");
        assertThat(redactor.redact("xylophone")).as("lines shorter than MIN_LENGTH are not hidden alone")
                .isEqualTo("xylophone");
    }

    @Test
    void ignoresEmptyAndNullSecretsAndTreatsRegexCharactersLiterally() {
        Redactor redactor = new Redactor(Arrays.asList("", null, "a.b$1\\"));

        assertThat(redactor.redact("x a.b$1\\ axb$1")).isEqualTo("x *** axb$1");
        assertThat(redactor.redact(null)).isNull();
        assertThat(Redactor.NONE.redact("anything")).isEqualTo("anything");
        assertThat(Redactor.NONE.isEmpty()).isTrue();
    }

    @Test
    void redactsNestedMapsAndListsKeepingOtherValues() {
        Redactor redactor = new Redactor(List.of("hunter2"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("password", "hunter2");
        params.put("nested", Map.of("list", List.of("a", "x-hunter2-y", 3L)));
        params.put("count", 4);
        params.put("none", null);

        Object out = redactor.redactDeep(params);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("password", "***");
        expected.put("nested", Map.of("list", List.of("a", "x-***-y", 3L)));
        expected.put("count", 4);
        expected.put("none", null);
        assertThat(out).isEqualTo(expected);
        assertThat(redactor.redactDeep(true)).isEqualTo(true);
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        Redactor redactor = new Redactor(List.of("topsecret"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = pool.invokeAll(java.util.Collections.nCopies(200,
                    () -> redactor.redact("a topsecret b")));
            for (Future<String> r : results) {
                assertThat(r.get()).isEqualTo("a *** b");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
