package dev.sopctl.transport.ssh;

import net.schmizz.sshj.common.SecurityUtils;

/** How sopctl's SSH stack finds its algorithms in the JDK; done once per JVM, before sshj's first use. */
final class JcaSetup {
    private JcaSetup() {}

    static {
        // sshj puts BouncyCastle first for every algorithm when it is on the class path; its AES is
        // plain Java, 5-10x slower than the JDK's (which uses the CPU's AES instructions), and a
        // relayed disk copy is bound by it. The JDK has every algorithm we negotiate.
        SecurityUtils.setRegisterBouncyCastle(false);
        SecurityUtils.setSecurityProvider(null);
        EcdsaKeyFactory.installIfMissing();
    }

    /** Runs the set-up above unless this JVM has done it. */
    static void ensure() {
        // the static initializer is the once-only guard
    }
}
