package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.InventoryLoader;
import java.nio.file.Path;
import java.util.Map;

/** Child JVM of {@link BulkDataWithoutC2Test}: prepares a transport for bulk data and prints its notices. */
public final class C1NoticeMain {
    private C1NoticeMain() {}

    public static void main(String[] args) {
        var inventory = InventoryLoader.load(Path.of(args[0]), Map.of());
        var options = SshOptions.defaults().withEnvironment(Map.of())
                .withMessages(n -> System.out.println("notice: " + n), d -> { });
        try (SshjTransport t = new SshjTransport(inventory, options)) {
            t.prepareForBulkData();
        }
        System.out.println("c2=" + CipherWarmup.c2Compiles());
    }
}
