package dev.sopctl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real command output for runbook tests: the parser samples under {@code src/test/resources/parse/}
 * (taken from shared/formats), and a PVDI host's output built from them. A fault is the healthy
 * output with lines left out ({@link #without}) or changed ({@link String#replace}).
 *
 * <pre>{@code
 * t.on("node1", "^ps -ef$", Reply.ok(PvdiSamples.without(PvdiSamples.PS_NODE, "pemon")));
 * }</pre>
 */
public final class PvdiSamples {
    /** {@code ps -ef} on a healthy PVDI node: nginx, the uwsgi WAS and pemon (as the lab starts it). */
    public static final String PS_NODE = parse("ps-ef.txt")
            + "orchard     2400       1  0 Jan15 ?        00:00:10 /usr/bin/python /home/orchard/pvdi/bin/pemon.py\n";
    /** {@code ps -ef} on a healthy PVDI2 master VM: nginx, the three uwsgi WAS and carbon-cache. */
    public static final String PS_MASTERVM2 = parse("ps-ef.txt")
            + "orchard     2350       1  0 10:00 ?        00:00:31 /usr/bin/uwsgi --ini /home/orchard/pvdi/conf/pvdi_uwsgi_web.ini\n"
            + "orchard     2360       1  0 10:00 ?        00:00:12 /usr/bin/uwsgi --ini /home/orchard/pvdi/conf/graphite_uwsgi.ini\n"
            + "orchard     2370       1  0 10:00 ?        00:02:40 /usr/bin/python /opt/graphite/bin/carbon-cache.py start\n";
    /** {@code mount} with the shared /data (OCFS2) mounted. */
    public static final String MOUNT = parse("mount.txt");
    /** {@code /etc/init.d/o2cb status}, ocfs2-tools 1.8: cluster Online, heartbeat Active, threshold 31. */
    public static final String O2CB_ONLINE = parse("o2cb-1.8.txt");
    /** {@code /etc/init.d/o2cb status} with ocfs2_dlmfs not loaded and the cluster Offline. */
    public static final String O2CB_OFFLINE = parse("o2cb-offline.txt");
    /** {@code xl info}: total_memory 65442, free_memory 18233 (MiB). */
    public static final String XL_INFO = parse("xl-info.txt");
    /** {@code crm resource status} (Pacemaker 2.1.5): group DBServer all Started, mastervm01 promoted. */
    public static final String CRM_LIST_HEALTHY = parse("crm-2.1.5-list-healthy.txt");
    /** The same with DBFS, Links and Dbase Stopped. */
    public static final String CRM_LIST_DBFS_STOPPED = parse("crm-2.1.5-list-dbfs-stopped.txt");
    /**
     * /var/log/messages with every signature of kernel-log: a hung task whose call trace holds
     * alloc_xenballooned_pages and vfs_ioctl (10:00:01), o2net (10:03, 10:04), soft lockups (10:05),
     * the OOM killer (10:06, 10:07), a second hung task (10:08).
     */
    public static final String KERNEL_MESSAGES = parse("kernel-messages.txt");

    private PvdiSamples() {}

    /** A sample under {@code src/test/resources/parse/}. */
    public static String parse(String name) {
        try (InputStream in = PvdiSamples.class.getResourceAsStream("/parse/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /parse/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of {@code text} in which {@code regex} is found, each ending with a newline. */
    public static String grep(String text, String regex) {
        Pattern p = Pattern.compile(regex);
        return text.lines().filter(l -> p.matcher(l).find()).map(l -> l + "\n").collect(Collectors.joining());
    }

    /** The lines of {@code text} in which {@code regex} is not found (grep -v). */
    public static String without(String text, String regex) {
        Pattern p = Pattern.compile(regex);
        return text.lines().filter(l -> !p.matcher(l).find()).map(l -> l + "\n").collect(Collectors.joining());
    }
}
