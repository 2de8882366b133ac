package dev.sopctl.transport.ssh;

import dev.sopctl.transport.ssh.kex.KeyExchanges;
import java.net.Socket;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the SSH stack ready on a background thread while the main thread still parses the command
 * line and reads the inventory: the JCA set-up ({@link JcaSetup}), the sntrup761 key pair made
 * ahead, sshj's configuration and client classes, the JDK's socket, X25519, SHA-2 and AES-GCM, each
 * loaded and run once. In a fresh JVM that is class loading and first runs, about 0.1-0.2 s of
 * CPU, which otherwise falls on the path to the first connection. It changes no state a run depends on, so a warm-up for a
 * command that never connects costs CPU on another core, and one that fails is reported by the
 * real set-up, not here.
 */
public final class SshWarmUp {
    private static final Logger log = LoggerFactory.getLogger(SshWarmUp.class);

    private SshWarmUp() {}

    public static void start() {
        KeyExchanges.prepareAhead();
        Thread t = new Thread(SshWarmUp::warm, "sopctl-ssh-warm-up");
        t.setDaemon(true);
        t.start();
    }

    static void warm() {
        try {
            JcaSetup.ensure();
            // a client never connected: its transport, codec and channel classes, and the JDK's socket
            new SSHClient(new DefaultConfig());
            new Socket().close();
            KeyExchanges.warmUp();
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"), new GCMParameterSpec(128, new byte[12]));
            gcm.doFinal(new byte[64]);
        } catch (Exception | LinkageError e) {
            log.debug("SSH warm-up stopped: {}", e.toString());
        }
    }
}
