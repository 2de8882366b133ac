package dev.sopctl.transport.ssh;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a fresh {@link TestSshServer} on a free loopback port before each test and stops it
 * after. Register with {@code @RegisterExtension}; {@link #server()} is the running server.
 */
final class SshServerExtension implements BeforeEachCallback, AfterEachCallback {
    private final boolean forwarding;
    private TestSshServer server;

    SshServerExtension() {
        this(false);
    }

    /** @param forwarding allow direct-tcpip channels, so the server can be a jump host */
    SshServerExtension(boolean forwarding) {
        this.forwarding = forwarding;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = new TestSshServer(forwarding).start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    TestSshServer server() {
        return server;
    }
}
