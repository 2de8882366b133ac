package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkReleaseTest {
    @TempDir
    Path jvm;

    @Test
    void readsTheFeatureVersionAndTheStampLinesInTheFilesOrder() throws IOException {
        Path java = jdk("temurin-25", "IMPLEMENTOR=\"Eclipse Adoptium\"\nIMPLEMENTOR_VERSION=\"Temurin-25.0.3+9\"\n"
                + "JAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\nJAVA_VERSION=\"25.0.3\"\n");

        JdkRelease jdk = JdkRelease.of(java.toString());

        assertThat(jdk.feature()).isEqualTo(25);
        assertThat(jdk.stamp()).isEqualTo("IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"");
        assertThat(JdkRelease.of(jdk("eight", "JAVA_VERSION=\"1.8.0_392\"\n").toString()).feature()).isEqualTo(8);
    }

    @Test
    void autoPicksTheNewestJdkOfTheNeededVersionAndNoneWithoutOne() throws IOException {
        jdk("java-17", "JAVA_VERSION=\"17.0.15\"\n");
        assertThat(JdkRelease.forAotCache("auto", jvm, 25)).isEmpty();

        jdk("temurin-25", "JAVA_VERSION=\"25.0.3\"\n");
        Path newest = jdk("jdk-26", "JAVA_VERSION=\"26-ea\"\n");
        Files.createDirectories(jvm.resolve("broken/bin"));

        assertThat(JdkRelease.forAotCache("", jvm, 25)).map(JdkRelease::java).contains(newest.toRealPath());
        assertThat(JdkRelease.forAotCache("none", jvm, 25)).isEmpty();
        assertThat(JdkRelease.forAotCache("auto", jvm.resolve("absent"), 25)).isEmpty();
    }

    @Test
    void aNamedJdkMustBeThereAndNewEnough() throws IOException {
        Path java17 = jdk("java-17", "JAVA_VERSION=\"17.0.15\"\n");

        Path java25 = jdk("jdk-25", "JAVA_VERSION=\"25.0.1\"\n");
        assertThat(JdkRelease.forAotCache(jvm.resolve("jdk-25").toString(), jvm, 25)).map(JdkRelease::java).contains(java25.toRealPath());
        assertThatThrownBy(() -> JdkRelease.forAotCache(java17.toString(), jvm, 25))
                .hasMessage(java17 + " is Java 17; an AOT cache needs Java 25 or later");
        assertThatThrownBy(() -> JdkRelease.forAotCache(jvm.resolve("nowhere/bin/java").toString(), jvm, 25))
                .hasMessageContaining("nowhere/bin/java: no such java binary");
        Files.delete(java17.getParent().getParent().resolve("release"));
        assertThatThrownBy(() -> JdkRelease.of(java17.toString())).hasMessageContaining("the JDK has no release file");
    }

    private Path jdk(String name, String release) throws IOException {
        Path home = jvm.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), release);
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }
}
