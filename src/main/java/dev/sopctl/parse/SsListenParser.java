package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ss-listen}: iproute2's {@code ss -ltn} (also {@code -H} without the header, a
 * {@code Netid} column with {@code -u}, a {@code Process} column with {@code -p}).
 *
 * <pre>
 * State   Recv-Q  Send-Q     Local Address:Port      Peer Address:Port  Process
 * LISTEN  0       128              0.0.0.0:22             0.0.0.0:*
 * LISTEN  0       50                     *:8080                 *:*
 * LISTEN  0       80    [::ffff:10.0.0.51]:9090                 *:*
 * </pre>
 *
 * <p>Result: {@code sockets}, one map per line: {@code state}, {@code address} (without brackets or
 * {@code %interface}), {@code port} (Long); {@code ports}: the listening ports, sorted, each once.
 * Empty output is no listening socket.
 */
public final class SsListenParser implements OutputParser {
    static final String NAME = "ss-listen";
    private static final Pattern LOCAL = Pattern.compile("^(\\[[^\\]]*\\]|[^\\s]*?)(?:%[^:\\]]+)?:(\\d{1,5})$");
    private static final Pattern STATE = Pattern.compile("LISTEN|UNCONN|ESTAB|SYN-SENT|SYN-RECV|FIN-WAIT-1|FIN-WAIT-2"
            + "|TIME-WAIT|CLOSE-WAIT|LAST-ACK|CLOSING|CLOSED");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        List<Object> sockets = new ArrayList<>();
        TreeSet<Long> ports = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            List<String> w = Text.words(line);
            if (w.isEmpty() || (w.get(0).equals("State") || w.get(0).equals("Netid"))) {
                continue;
            }
            int at = STATE.matcher(w.get(0)).matches() ? 0 : 1; // a Netid column first (tcp, udp)
            if (w.size() < at + 5 || !STATE.matcher(w.get(at)).matches()) {
                throw Text.at(NAME, i + 1, "'STATE RECV-Q SEND-Q LOCAL:PORT PEER:PORT' (ss -ltn)", line);
            }
            Matcher m = LOCAL.matcher(w.get(at + 3));
            if (!m.matches()) {
                throw Text.at(NAME, i + 1, "a local ADDRESS:PORT in the fourth column", line);
            }
            String address = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            long port = Long.parseLong(m.group(2));
            if (port > 65535) {
                throw Text.at(NAME, i + 1, "a port up to 65535", line);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("state", w.get(at));
            s.put("address", address);
            s.put("port", port);
            sockets.add(Collections.unmodifiableMap(s));
            if (w.get(at).equals("LISTEN") || w.get(at).equals("UNCONN")) {
                ports.add(port);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sockets", List.copyOf(sockets));
        result.put("ports", List.copyOf(ports));
        return Collections.unmodifiableMap(result);
    }
}
