package dev.sopctl.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code crm-resource}: Pacemaker's resource tree as printed by {@code crm resource status}
 * ({@code crm_resource --list}), {@code crm status} / {@code crm_mon -1 [-r]}, and
 * {@code crm resource status RSC} ({@code crm_resource --locate}), in every era of
 * formats/README.md §2:
 *
 * <ul>
 *   <li>1.1.x / 2.0.0–2.0.2: flat, {@code name\t(ocf::heartbeat:IPaddr2):\tStarted node1},
 *       {@code Master/Slave Set: ms [rsc]} or {@code Clone Set: ms [rsc] (promotable)},
 *       {@code Masters: [ … ]} / {@code Slaves: [ … ]}, group header without a colon;
 *   <li>2.0.3–2.0.5: {@code * } bullets, TAB + SPACE before the state, group header with a colon;
 *   <li>2.1+: {@code ocf:heartbeat:…} (single colon), {@code Promoted:} / {@code Unpromoted:};
 *   <li>the loose rendering copied into the PVDI SOP page (spaces instead of TABs, no colon after
 *       the agent, {@code Stopped [ node ]} without a colon).
 * </ul>
 *
 * <p>Result:
 * <ul>
 *   <li>{@code resources}: one map per primitive row: {@code name}, {@code agent} (as printed,
 *       e.g. {@code ocf::heartbeat:IPaddr2}), {@code state} (the first word: Started, Stopped,
 *       FAILED, Master, Slave, Promoted, Unpromoted, Starting, …), {@code role} (the role after
 *       FAILED, else the state), {@code node} (String or null), {@code nodes} (every node printed,
 *       usually zero or one), {@code group} and {@code clone} (the enclosing group/clone or null),
 *       {@code flags} (the words in parentheses, e.g. disabled, unmanaged, blocked,
 *       target-role:Stopped, plus orphaned and UNCLEAN) and {@code failed} (Boolean);
 *   <li>{@code groups}: group name → its primitive names, in output order;
 *   <li>{@code sets}: one map per clone/master-slave set: {@code name}, {@code resource} (in
 *       brackets), {@code promotable}, {@code promoted}, {@code unpromoted}, {@code started},
 *       {@code stopped} (node lists), {@code flags};
 *   <li>{@code promoted} (nodes from {@code Masters:}/{@code Promoted:} lines of every set),
 *       {@code unpromoted} ({@code Slaves:}/{@code Unpromoted:}), {@code stopped_nodes}
 *       ({@code Stopped: [ … ]} lines of sets);
 *   <li>{@code started}: Boolean, true when there is at least one resource, every primitive is
 *       Started, Master, Promoted, Slave or Unpromoted (and not FAILED), and every set has at least
 *       one running instance; {@code not_started}: the names that fail this (primitives and sets);
 *   <li>{@code online}, {@code offline}, {@code standby}: node names from {@code Online: [ … ]},
 *       {@code OFFLINE: [ … ]} and {@code Node X: standby} (empty when not printed);
 *       {@code dc} (Current DC or null), {@code quorum} (Boolean or null when not printed),
 *       {@code maintenance} (Boolean);
 *   <li>{@code locations}: from {@code resource X is running on: NODE [ROLE]} lines, each
 *       {@code resource}, {@code node}, {@code role} (null when none).
 * </ul>
 *
 * <p>Sections that are not about resources (Failed Actions, Migration Summary, Node Attributes,
 * Tickets, …) are skipped. A line in the resource section that is none of the above is an error
 * naming its line; so is output without any resource, resource heading or
 * {@code NO resources configured}.
 */
public final class CrmResourceParser implements OutputParser {
    static final String NAME = "crm-resource";

    private static final Pattern PRIMITIVE = Pattern.compile(
            "^(?<name>[^\\s(\\[*][^\\s(]*)\\s*\\((?<agent>[^()\\s]*:[^()\\s]+)\\):?(?:\\s+(?<rest>.*))?$");
    private static final Pattern GROUP = Pattern.compile(
            "^Resource Group:\\s*(?<name>\\S+?)(?<flags>(?:\\s*\\([^)]*\\))*)\\s*:?$");
    private static final Pattern SET = Pattern.compile(
            "^(?<kind>Master/Slave Set|Clone Set|Container bundle set|Docker container set|Container bundle|Bundle)"
                    + ":\\s*(?<name>\\S+?)(?:\\s+\\[\\s*(?<rsc>[^\\]]*?)\\s*\\])?(?<rest>(?:\\s*\\([^)]*\\))*)\\s*:?$");
    private static final Pattern NODE_LIST = Pattern.compile(
            "^(?<kind>Online|OFFLINE|RemoteOnline|RemoteOFFLINE|GuestOnline|GuestOFFLINE):\\s*\\[(?<nodes>[^\\]]*)\\]$");
    private static final Pattern ROLE_LIST = Pattern.compile(
            "^(?<role>Masters|Slaves|Promoted|Unpromoted|Started|Stopped|FAILED|Master|Slave)"
                    + "(?:\\s*\\((?<flags>[^)]*)\\))?:?\\s*\\[(?<nodes>[^\\]]*)\\]$");
    private static final Pattern NODE_STATE = Pattern.compile("^Node\\s+(?<name>\\S+?)(?:\\s+\\([^)]*\\))?:\\s*(?<state>.*)$");
    private static final Pattern LOCATE = Pattern.compile(
            "^resource (?<rsc>\\S+) is running on: (?<node>\\S+)(?:\\s+(?<role>\\S+))?\\s*$");
    private static final Pattern NOT_RUNNING = Pattern.compile("^resource (?<rsc>\\S+) is NOT running$");
    private static final Pattern HEADING = Pattern.compile("^[A-Z][A-Za-z ]*:$");
    private static final Pattern NO_RESOURCES = Pattern.compile(
            "^(?:NO resources configured|No resources|No active resources|No inactive resources)\\.?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DC = Pattern.compile("^Current DC:\\s*(?<dc>\\S+)(?<rest>.*)$");
    private static final Pattern PARENS = Pattern.compile("\\(([^()]*)\\)");
    private static final Set<String> RUNNING = Set.of("Started", "Master", "Promoted", "Slave", "Unpromoted");

    private enum Mode { HEADER, RESOURCES, SKIP }

    private record Container(String kind, String name, int indent, Map<String, Object> set) {}

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(NAME, "crm_mon, crm_resource --list or crm resource status output");
        }
        List<Object> resources = new ArrayList<>();
        Map<String, List<Object>> groups = new LinkedHashMap<>();
        List<Map<String, Object>> sets = new ArrayList<>();
        List<Object> online = new ArrayList<>();
        List<Object> offline = new ArrayList<>();
        List<Object> standby = new ArrayList<>();
        List<Object> locations = new ArrayList<>();
        Set<String> notRunning = new LinkedHashSet<>();
        String dc = null;
        Boolean quorum = null;
        boolean maintenance = false;
        boolean sawResources = false;

        Mode mode = Mode.HEADER;
        Deque<Container> containers = new ArrayDeque<>();
        Map<String, Object> lastSet = null;

        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String raw = Text.noAnsi(lines.get(i));
            if (raw.isBlank()) {
                continue;
            }
            int indent = Text.indent(raw);
            String line = raw.strip();
            if (line.startsWith("* ")) {
                line = line.substring(2).strip();
            }

            if (indent == 0 && HEADING.matcher(line).matches()) {
                containers.clear();
                String heading = line.toLowerCase(Locale.ROOT);
                if (heading.endsWith("resources:")) {
                    mode = Mode.RESOURCES;
                    sawResources = true;
                } else if (heading.equals("cluster summary:") || heading.equals("node list:")) {
                    mode = Mode.HEADER;
                } else {
                    mode = Mode.SKIP;
                }
                continue;
            }
            if (mode == Mode.SKIP) {
                continue;
            }
            if (line.contains("*** Resource management is DISABLED ***")) {
                maintenance = true;
                continue;
            }
            Matcher m;
            if ((m = LOCATE.matcher(line)).matches()) {
                Map<String, Object> location = new LinkedHashMap<>();
                location.put("resource", m.group("rsc"));
                location.put("node", m.group("node"));
                location.put("role", m.group("role"));
                locations.add(Collections.unmodifiableMap(location));
                sawResources = true;
                continue;
            }
            if ((m = NOT_RUNNING.matcher(line)).matches()) {
                notRunning.add(m.group("rsc"));
                sawResources = true;
                continue;
            }
            if ((m = NODE_LIST.matcher(line)).matches()) {
                List<Object> target = m.group("kind").endsWith("OFFLINE") ? offline : online;
                target.addAll(Text.words(m.group("nodes")));
                continue;
            }
            if (mode == Mode.HEADER && (m = NODE_STATE.matcher(line)).matches()) {
                String state = m.group("state");
                if (state.contains("standby")) {
                    standby.add(m.group("name"));
                }
                if (state.contains("offline") || state.contains("OFFLINE")) {
                    offline.add(m.group("name"));
                } else if (state.contains("online")) {
                    online.add(m.group("name"));
                }
                continue;
            }
            if (mode == Mode.HEADER && (m = DC.matcher(line)).matches()) {
                dc = "NONE".equals(m.group("dc")) ? null : m.group("dc");
                String rest = m.group("rest");
                quorum = rest.contains("WITHOUT quorum") ? Boolean.FALSE
                        : rest.contains("with quorum") ? Boolean.TRUE : quorum;
                continue;
            }
            if (NO_RESOURCES.matcher(line).matches()) {
                sawResources = true;
                mode = Mode.RESOURCES;
                continue;
            }

            while (!containers.isEmpty() && containers.peek().indent() >= indent) {
                containers.pop();
            }
            if ((m = GROUP.matcher(line)).matches()) {
                mode = Mode.RESOURCES;
                sawResources = true;
                groups.putIfAbsent(m.group("name"), new ArrayList<>());
                containers.push(new Container("group", m.group("name"), indent, null));
                continue;
            }
            if ((m = SET.matcher(line)).matches()) {
                mode = Mode.RESOURCES;
                sawResources = true;
                Map<String, Object> set = new LinkedHashMap<>();
                List<String> flags = flags(m.group("rest"));
                boolean promotable = m.group("kind").startsWith("Master/Slave") || flags.remove("promotable");
                set.put("name", m.group("name"));
                set.put("resource", m.group("rsc"));
                set.put("promotable", promotable);
                set.put("promoted", new ArrayList<>());
                set.put("unpromoted", new ArrayList<>());
                set.put("started", new ArrayList<>());
                set.put("stopped", new ArrayList<>());
                set.put("flags", List.copyOf(flags));
                sets.add(set);
                lastSet = set;
                containers.push(new Container("clone", m.group("name"), indent, set));
                continue;
            }
            if ((m = ROLE_LIST.matcher(line)).matches()) {
                mode = Mode.RESOURCES;
                sawResources = true;
                Map<String, Object> set = currentSet(containers, lastSet);
                if (set == null) {
                    throw Text.at(NAME, lineNumber, "a role list inside a clone or master/slave set", line);
                }
                String key = switch (m.group("role")) {
                    case "Masters", "Promoted", "Master" -> "promoted";
                    case "Slaves", "Unpromoted", "Slave" -> "unpromoted";
                    case "Started" -> "started";
                    default -> "stopped"; // Stopped, FAILED
                };
                nodes(set, key).addAll(Text.words(m.group("nodes")));
                continue;
            }
            if ((m = PRIMITIVE.matcher(line)).matches()) {
                mode = Mode.RESOURCES;
                sawResources = true;
                String group = null;
                String clone = null;
                for (Container c : containers) { // innermost first
                    if (group == null && c.kind().equals("group")) {
                        group = c.name();
                    }
                    if (clone == null && c.kind().equals("clone")) {
                        clone = c.name();
                    }
                }
                Map<String, Object> resource = primitive(m, group, clone, lineNumber, line);
                resources.add(resource);
                if (group != null) {
                    groups.get(group).add(resource.get("name"));
                }
                continue;
            }
            if (line.matches("^Replica\\[\\d+\\]:?$")) {
                containers.push(new Container("replica", line, indent, null));
                continue;
            }
            if (mode == Mode.RESOURCES) {
                throw Text.at(NAME, lineNumber,
                        "a resource row 'NAME (AGENT): STATE [NODE]', a group or set header or a role list", line);
            }
            // HEADER: Stack:, Last updated:, "2 nodes configured", the maintenance notice, ... are ignored
        }

        if (!sawResources) {
            int first = Text.firstNonBlank(lines);
            throw Text.at(NAME, first, "Pacemaker resource status (crm_mon, crm_resource --list or --locate)",
                    lines.get(first - 1));
        }
        return result(resources, groups, sets, online, offline, standby, locations, notRunning, dc, quorum,
                maintenance);
    }

    private static Map<String, Object> primitive(Matcher m, String group, String clone, int lineNumber, String line) {
        String rest = m.group("rest") == null ? "" : m.group("rest").strip();
        List<Object> flags = new ArrayList<>();
        Matcher p = PARENS.matcher(rest);
        StringBuilder outside = new StringBuilder();
        while (p.find()) {
            for (String f : p.group(1).split(",")) {
                if (!f.isBlank()) {
                    flags.add(f.strip());
                }
            }
            p.appendReplacement(outside, " ");
        }
        p.appendTail(outside);
        List<String> words = new ArrayList<>(Text.words(outside.toString()));
        if (!words.isEmpty() && words.get(0).equals("ORPHANED")) {
            words.remove(0);
            flags.add("orphaned");
        }
        if (words.isEmpty() || !Character.isUpperCase(words.get(0).charAt(0))) {
            throw Text.at(NAME, lineNumber, "a state (Started, Stopped, FAILED, ...) after the agent", line);
        }
        String state = words.remove(0);
        String role = state;
        boolean failed = state.equals("FAILED");
        if (failed && !words.isEmpty() && RUNNING.contains(words.get(0))) {
            role = words.remove(0);
        }
        List<Object> nodes = new ArrayList<>();
        if (!words.isEmpty() && words.get(0).startsWith("[")) {
            StringBuilder list = new StringBuilder();
            while (!words.isEmpty()) {
                String w = words.remove(0);
                list.append(' ').append(w);
                if (w.endsWith("]")) {
                    break;
                }
            }
            nodes.addAll(Text.words(list.toString().replace('[', ' ').replace(']', ' ')));
        } else if (!words.isEmpty()) {
            nodes.add(words.remove(0));
        }
        flags.addAll(words); // e.g. UNCLEAN after the node
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("name", m.group("name"));
        resource.put("agent", m.group("agent"));
        resource.put("state", state);
        resource.put("role", role);
        resource.put("node", nodes.isEmpty() ? null : nodes.get(0));
        resource.put("nodes", List.copyOf(nodes));
        resource.put("group", group);
        resource.put("clone", clone);
        resource.put("flags", List.copyOf(flags));
        resource.put("failed", failed);
        return Collections.unmodifiableMap(resource);
    }

    private static List<String> flags(String parenthesised) {
        List<String> flags = new ArrayList<>();
        Matcher p = PARENS.matcher(parenthesised == null ? "" : parenthesised);
        while (p.find()) {
            for (String f : p.group(1).split(",")) {
                if (!f.isBlank()) {
                    flags.add(f.strip());
                }
            }
        }
        return flags;
    }

    private static Map<String, Object> currentSet(Deque<Container> containers, Map<String, Object> lastSet) {
        for (Container c : containers) {
            if (c.set() != null) {
                return c.set();
            }
        }
        return lastSet; // the SOP rendering prints the role lines at the set header's indent
    }

    @SuppressWarnings("unchecked")
    private static List<Object> nodes(Map<String, Object> set, String key) {
        return (List<Object>) set.get(key);
    }

    private static Map<String, Object> result(List<Object> resources, Map<String, List<Object>> groups,
            List<Map<String, Object>> sets, List<Object> online, List<Object> offline, List<Object> standby,
            List<Object> locations, Set<String> notRunning, String dc, Boolean quorum, boolean maintenance) {
        Set<Object> promoted = new LinkedHashSet<>();
        Set<Object> unpromoted = new LinkedHashSet<>();
        Set<Object> stoppedNodes = new LinkedHashSet<>();
        Set<Object> notStarted = new LinkedHashSet<>();
        for (Object o : resources) {
            Map<?, ?> r = (Map<?, ?>) o;
            if (Boolean.TRUE.equals(r.get("failed")) || !RUNNING.contains(r.get("state"))) {
                notStarted.add(r.get("name"));
            }
        }
        List<Object> frozenSets = new ArrayList<>();
        for (Map<String, Object> set : sets) {
            promoted.addAll(nodes(set, "promoted"));
            unpromoted.addAll(nodes(set, "unpromoted"));
            stoppedNodes.addAll(nodes(set, "stopped"));
            boolean running = !nodes(set, "promoted").isEmpty() || !nodes(set, "unpromoted").isEmpty()
                    || !nodes(set, "started").isEmpty();
            boolean hasInstanceRows = resources.stream().anyMatch(r -> set.get("name").equals(((Map<?, ?>) r).get("clone")));
            if (!running && !hasInstanceRows) {
                notStarted.add(set.get("name"));
            }
            for (String key : List.of("promoted", "unpromoted", "started", "stopped")) {
                set.put(key, List.copyOf(nodes(set, key)));
            }
            frozenSets.add(Collections.unmodifiableMap(set));
        }
        notStarted.addAll(notRunning);
        Map<String, Object> groupLists = new LinkedHashMap<>();
        groups.forEach((name, members) -> groupLists.put(name, List.copyOf(members)));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resources", List.copyOf(resources));
        result.put("groups", Collections.unmodifiableMap(groupLists));
        result.put("sets", List.copyOf(frozenSets));
        result.put("promoted", List.copyOf(promoted));
        result.put("unpromoted", List.copyOf(unpromoted));
        result.put("stopped_nodes", List.copyOf(stoppedNodes));
        result.put("started", notStarted.isEmpty() && (!resources.isEmpty() || !sets.isEmpty() || !locations.isEmpty()));
        result.put("not_started", List.copyOf(notStarted));
        result.put("online", List.copyOf(new LinkedHashSet<>(online)));
        result.put("offline", List.copyOf(new LinkedHashSet<>(offline)));
        result.put("standby", List.copyOf(standby));
        result.put("dc", dc);
        result.put("quorum", quorum);
        result.put("maintenance", maintenance);
        result.put("locations", List.copyOf(locations));
        return Collections.unmodifiableMap(result);
    }
}
