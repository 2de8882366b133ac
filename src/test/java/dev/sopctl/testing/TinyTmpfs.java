package dev.sopctl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, tiny file system for tests of a full disk: a tmpfs of a few KiB mounted on a folder
 * (needs root, as the lab does; {@link #mount} says whether it worked). Close unmounts it.
 */
public final class TinyTmpfs implements AutoCloseable {
    private final Path dir;

    private TinyTmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code kib} KiB on {@code dir} (created); null when that is not allowed here. */
    public static TinyTmpfs mount(Path dir, int kib) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0700", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? new TinyTmpfs(dir) : null;
    }

    public Path dir() {
        return dir;
    }

    /** Fills the file system to the last byte with a file named {@code name}. */
    public void fill(String name) throws IOException {
        try (var out = Files.newOutputStream(dir.resolve(name))) {
            byte[] block = new byte[1024];
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
    }
}
