package dev.sopctl.transport.ssh;

import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.transport.cipher.Cipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the JIT to compile the AES-GCM code of sopctl's connections before a bulk transfer needs it.
 *
 * <p>Why: the JDK runs AES-GCM on the CPU's AES and carry-less multiply instructions only in code
 * that its C2 compiler made; until C2 has compiled the cipher's methods, the same work runs as plain
 * Java, interpreted or C1-compiled, several times slower. C2 compiles a method after thousands of
 * calls, and a relayed copy makes one call per 32 KiB packet each way, so a 1 GiB relay spent its
 * first five seconds moving under 100 MiB (bench/STARTUP.md §6, under load). This encrypts and
 * decrypts {@link #PACKETS} packets, nearly all small, through sshj's own {@link GcmCiphers} cipher
 * (the classes and the call pattern of its packet encoder and decoder), on a daemon thread, once
 * per JVM: about half a second of one core, spent while the run's first steps wait for their hosts.
 * How soon C2 gets to it still depends on its queue: with one C2 thread, under load, the gain could
 * not be measured; with two (what the launcher gives a relay), the copy itself was 1.3x faster.
 *
 * <p>Nothing it does reaches a connection: the key is random and thrown away.
 */
final class CipherWarmup {
    private static final Logger log = LoggerFactory.getLogger(CipherWarmup.class);
    /** Packets encrypted and decrypted: enough calls for C2 to compile every method on the way. */
    static final int PACKETS = 6000;
    /** Most packets are this small (cheap while still interpreted); every {@link #FULL_EVERY}th is full size. */
    private static final int SMALL = 64;
    /** OpenSSH's packet size for session channels: the size of the relay's packets. */
    private static final int FULL = 32 * 1024;
    private static final int FULL_EVERY = 64;
    private static final int TAG = 16;

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private CipherWarmup() {}

    /**
     * Starts the warm-up on a daemon thread unless it was started before in this JVM or C2 is off
     * (the launcher runs most commands with C1 only, where there is nothing to gain); returns at once.
     */
    static void startOnce() {
        if (STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(CipherWarmup::runQuietly, "sopctl-cipher-warmup");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void runQuietly() {
        long start = System.nanoTime();
        try {
            if (!c2Compiles()) {
                log.debug("AES-GCM warm-up skipped: this JVM runs without C2");
                return;
            }
            run(PACKETS);
            log.debug("AES-GCM warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // only ever costs speed: the connections' own ciphers are untouched
            log.debug("AES-GCM warm-up failed: {}", e.toString());
        }
    }

    /**
     * Encrypts and decrypts {@code packets} packets the way sshj's encoder and decoder do: the
     * 4-byte length as additional authenticated data, the rest encrypted in place with the tag
     * behind it, then decrypted and its tag checked.
     *
     * @return the bytes encrypted (and decrypted)
     * @throws net.schmizz.sshj.common.SSHRuntimeException a packet did not decrypt to what was encrypted
     */
    static long run(int packets) {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[16];
        byte[] iv = new byte[12];
        random.nextBytes(key);
        random.nextBytes(iv);
        Cipher encrypt = GcmCiphers.AES128GCM().create();
        Cipher decrypt = GcmCiphers.AES128GCM().create();
        encrypt.init(Cipher.Mode.Encrypt, key, iv);
        decrypt.init(Cipher.Mode.Decrypt, key, iv);
        byte[] packet = new byte[4 + FULL + TAG];
        byte[] expected = new byte[FULL];
        random.nextBytes(expected);
        long bytes = 0;
        for (int seq = 0; seq < packets; seq++) {
            int len = seq % FULL_EVERY == FULL_EVERY - 1 ? FULL : SMALL;
            putLength(packet, len);
            System.arraycopy(expected, 0, packet, 4, len);
            encrypt.setSequenceNumber(seq);
            encrypt.updateWithAAD(packet, 0, 4, len);
            decrypt.setSequenceNumber(seq);
            decrypt.updateAAD(packet, 0, 4);
            decrypt.update(packet, 4, len);
            if (packet[4] != expected[0] || packet[3 + len] != expected[len - 1]) {
                throw new IllegalStateException("AES-GCM warm-up: packet " + seq + " did not decrypt to what was encrypted");
            }
            bytes += len;
        }
        return bytes;
    }

    /** Whether C2 compiles in this JVM: tiered up to level 4, or not tiered at all. */
    static boolean c2Compiles() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return !Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue())
                || Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4;
    }

    private static void putLength(byte[] b, int len) {
        b[0] = (byte) (len >>> 24);
        b[1] = (byte) (len >>> 16);
        b[2] = (byte) (len >>> 8);
        b[3] = (byte) len;
    }
}
