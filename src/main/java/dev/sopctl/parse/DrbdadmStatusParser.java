package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code drbdadm-status}: {@code drbdadm status} of DRBD 9, and of DRBD 8.4 with drbd-utils ≥ 8.9.3
 * (formats/README.md §3.4). The indentation carries the structure: resource at column 0, local
 * device and peer connection at 2, peer device at 4, wrapped continuations deeper.
 *
 * <pre>
 * r1 role:Secondary
 *   volume:0 disk:UpToDate
 *   node1 role:Primary
 *     volume:0 replication:SyncSource peer-disk:Inconsistent done:21.40
 * </pre>
 *
 * <p>Result: {@code resources}, each {@code name}, {@code role}, {@code suspended} (null unless
 * printed), {@code volumes} (each {@code volume} (Long, 0 when not printed), {@code disk},
 * {@code client}, {@code quorum}; null when not printed), {@code disk} (the first volume's),
 * {@code peers} (each {@code name} (the literal {@code peer} with an 8.4 kernel),
 * {@code connection} (Connected when not printed, as the code prints it only otherwise),
 * {@code role} (null when not Connected), {@code volumes} (each {@code volume},
 * {@code replication} (Established when not printed), {@code peer_disk} (null when not printed, as
 * on a split brain), {@code done} (Double percent during resync, else null)), and the first
 * volume's {@code replication}, {@code peer_disk}, {@code done}); {@code names} (resource names);
 * {@code connected} (Boolean: every peer Connected, and at least one peer);
 * {@code up_to_date} (Boolean: every local and peer disk UpToDate, and at least one peer disk).
 */
public final class DrbdadmStatusParser implements OutputParser {
    static final String NAME = "drbdadm-status";
    private static final Pattern KEY_VALUE = Pattern.compile("^[a-z][a-z0-9-]*:\\S*$");
    private static final Pattern NAME_WORD = Pattern.compile("^[^\\s:]+$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(NAME, "'drbdadm status' ('RESOURCE role:ROLE')");
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        Map<String, Object> resource = null;
        Map<String, Object> peer = null;
        Map<String, Object> last = null; // the element a deeper continuation line adds to
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = Text.noAnsi(lines.get(i)).stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            int indent = Text.indent(line);
            List<String> words = Text.words(line);
            if (indent == 0) {
                if (!NAME_WORD.matcher(words.get(0)).matches()) {
                    throw Text.at(NAME, lineNumber, "a resource line 'NAME role:ROLE'", line);
                }
                Map<String, String> kv = keyValues(words.subList(1, words.size()), lineNumber, line);
                if (!kv.containsKey("role")) {
                    throw Text.at(NAME, lineNumber, "a resource line 'NAME role:ROLE'", line);
                }
                resource = new LinkedHashMap<>();
                resource.put("name", words.get(0));
                resource.put("role", kv.get("role"));
                resource.put("suspended", kv.get("suspended"));
                resource.put("volumes", new ArrayList<Map<String, Object>>());
                resource.put("peers", new ArrayList<Map<String, Object>>());
                resources.add(resource);
                peer = null;
                last = resource;
            } else if (resource == null) {
                throw Text.at(NAME, lineNumber, "a resource line 'NAME role:ROLE' first", line);
            } else if (indent == 2 && !NAME_WORD.matcher(words.get(0)).matches()) {
                Map<String, String> kv = keyValues(words, lineNumber, line);
                if (!kv.containsKey("disk")) {
                    throw Text.at(NAME, lineNumber, "a local device line '[volume:N] disk:STATE'", line);
                }
                Map<String, Object> volume = new LinkedHashMap<>();
                volume.put("volume", volumeNumber(kv, lineNumber, line));
                volume.put("disk", kv.get("disk"));
                volume.put("client", kv.get("client"));
                volume.put("quorum", kv.get("quorum"));
                listOf(resource, "volumes").add(volume);
                peer = null;
                last = volume;
            } else if (indent == 2) {
                Map<String, String> kv = keyValues(words.subList(1, words.size()), lineNumber, line);
                peer = new LinkedHashMap<>();
                peer.put("name", words.get(0));
                peer.put("connection", kv.getOrDefault("connection", "Connected"));
                peer.put("role", kv.get("role"));
                peer.put("volumes", new ArrayList<Map<String, Object>>());
                listOf(resource, "peers").add(peer);
                last = peer;
            } else if (indent == 4 && peer != null) {
                Map<String, String> kv = keyValues(words, lineNumber, line);
                Map<String, Object> volume = new LinkedHashMap<>();
                volume.put("volume", volumeNumber(kv, lineNumber, line));
                volume.put("replication", kv.getOrDefault("replication", "Established"));
                volume.put("peer_disk", kv.get("peer-disk"));
                volume.put("done", done(kv.get("done"), lineNumber, line));
                listOf(peer, "volumes").add(volume);
                last = volume;
            } else if (indent > 4) {
                // wrap_printf continuation of the line above (6 or 8 spaces)
                Map<String, String> kv = keyValues(words, lineNumber, line);
                continueLine(last, kv, lineNumber, line);
            } else {
                throw Text.at(NAME, lineNumber,
                        "a local device (2 spaces), peer (2 spaces) or peer device line (4 spaces, after a peer)", line);
            }
        }
        return result(resources);
    }

    private static void continueLine(Map<String, Object> last, Map<String, String> kv, int lineNumber, String line) {
        for (Map.Entry<String, String> e : kv.entrySet()) {
            switch (e.getKey()) {
                case "role", "suspended", "disk", "client", "quorum", "replication", "connection" -> {
                    if (last.containsKey(e.getKey())) {
                        last.put(e.getKey(), e.getValue());
                    }
                }
                case "peer-disk" -> last.put("peer_disk", e.getValue());
                case "done" -> last.put("done", done(e.getValue(), lineNumber, line));
                default -> { } // statistics and other keys wrapped onto the next line
            }
        }
    }

    private static Map<String, Object> result(List<Map<String, Object>> resources) {
        List<Object> frozen = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        boolean connected = false;
        boolean allConnected = true;
        boolean peerDisk = false;
        boolean upToDate = true;
        for (Map<String, Object> r : resources) {
            List<Object> volumes = new ArrayList<>();
            for (Map<String, Object> v : listOf(r, "volumes")) {
                upToDate &= "UpToDate".equals(v.get("disk"));
                volumes.add(Collections.unmodifiableMap(v));
            }
            List<Object> peers = new ArrayList<>();
            for (Map<String, Object> p : listOf(r, "peers")) {
                connected = true;
                allConnected &= "Connected".equals(p.get("connection"));
                List<Map<String, Object>> pv = listOf(p, "volumes");
                List<Object> peerVolumes = new ArrayList<>();
                for (Map<String, Object> v : pv) {
                    peerDisk |= v.get("peer_disk") != null;
                    upToDate &= "UpToDate".equals(v.get("peer_disk"));
                    peerVolumes.add(Collections.unmodifiableMap(v));
                }
                Map<String, Object> first = pv.isEmpty() ? Map.of() : pv.get(0);
                p.put("volumes", List.copyOf(peerVolumes));
                p.put("replication", first.get("replication"));
                p.put("peer_disk", first.get("peer_disk"));
                p.put("done", pv.stream().map(v -> v.get("done")).filter(d -> d != null).findFirst().orElse(null));
                peers.add(Collections.unmodifiableMap(p));
            }
            r.put("disk", volumes.isEmpty() ? null : ((Map<?, ?>) volumes.get(0)).get("disk"));
            r.put("volumes", List.copyOf(volumes));
            r.put("peers", List.copyOf(peers));
            frozen.add(Collections.unmodifiableMap(r));
            names.add(r.get("name"));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resources", List.copyOf(frozen));
        result.put("names", List.copyOf(names));
        result.put("connected", connected && allConnected);
        result.put("up_to_date", peerDisk && upToDate);
        return Collections.unmodifiableMap(result);
    }

    private static Map<String, String> keyValues(List<String> words, int lineNumber, String line) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String w : words) {
            if (!KEY_VALUE.matcher(w).matches()) {
                throw Text.at(NAME, lineNumber, "'key:value' words (got '" + Text.abbreviate(w) + "')", line);
            }
            int colon = w.indexOf(':');
            kv.put(w.substring(0, colon), w.substring(colon + 1));
        }
        return kv;
    }

    private static Long volumeNumber(Map<String, String> kv, int lineNumber, String line) {
        String v = kv.get("volume");
        return v == null ? 0L : Text.number(NAME, lineNumber, v, line);
    }

    private static Double done(String value, int lineNumber, String line) {
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw Text.at(NAME, lineNumber, "a percentage for 'done:' like 21.40", line);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOf(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }
}
