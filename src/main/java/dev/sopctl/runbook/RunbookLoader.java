package dev.sopctl.runbook;

import dev.sopctl.SopctlException;
import dev.sopctl.inventory.UserNames;
import dev.sopctl.parse.Parsers;
import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Template;
import dev.sopctl.yaml.Location;
import dev.sopctl.yaml.MapReader;
import dev.sopctl.yaml.Problems;
import dev.sopctl.yaml.YamlNode;
import dev.sopctl.yaml.YamlTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one runbook YAML document into a validated {@link Runbook}, reporting every problem with
 * file:line:col (exit 65): unknown keys, wrong types, unknown parsers, expressions that do not
 * parse, variables no parameter or earlier capture defines, probes whose command changes state,
 * recovery steps that do not exist. The schema is documented in {@code runbooks/README.md}.
 */
public final class RunbookLoader {
    /** Names every step can read besides parameters and captures. */
    public static final Set<String> STEP_NAMES = Set.of("host", "zone", "hosts", "clusters", "params", "captured");
    /** Names available after the command ran: in capture, assert and until. */
    public static final Set<String> RESULT_NAMES = Set.of("out", "stdout", "stderr", "exit", "sent_at", "received_at");
    /** The receiving command's result in a piped step: {@code pipe.host, pipe.exit, pipe.stdout, pipe.stderr, pipe.bytes}. */
    public static final String PIPE_RESULT = "pipe";

    private static final Pattern STEP_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern PARAM_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** In a {@code publish} expression: one map per host where the step ran, {@code host} and its captures. */
    public static final String PUBLISH_RESULTS = "results";

    private final Problems problems = new Problems();
    private RunbookVars vars = RunbookVars.none();
    /** Every name some step can read: built-ins, parameters, results, captures; vars may read these. */
    private final Set<String> readable = new LinkedHashSet<>();
    private StepDefaults defaults = StepDefaults.NONE;
    /** The runbook's fix switch ({@code fix: PARAM}), or null. */
    private String fixSwitch;
    /** {@code check: true} was written: steps may declare perfdata. */
    private boolean check;
    private final Map<String, List<Perfdata>> perfdata = new LinkedHashMap<>();

    private RunbookLoader() {}

    /**
     * @param text         the YAML
     * @param source       names the file in locations
     * @param expectedName the name its place implies ({@code pvdi/node-shutdown}), or null not to check
     */
    public static Runbook parse(String text, String source, String expectedName) {
        RunbookLoader loader = new RunbookLoader();
        YamlNode root = YamlTree.parse(text, source, loader.problems);
        Runbook runbook = loader.read(root, source, expectedName);
        loader.problems.throwIfAny("invalid runbook " + source);
        return runbook;
    }

    private Runbook read(YamlNode root, String source, String expectedName) {
        MapReader r = new MapReader(root, "runbook", problems);
        String name = r.requiredString("name");
        if (name != null && expectedName != null && !name.equals(expectedName)) {
            problems.add(r.keyLocation("name"), "runbook name '" + name + "' does not match its file (expected '"
                    + expectedName + "')");
        }
        String title = r.requiredString("title");
        String sop = r.optionalString("sop");
        String description = r.optionalString("description");
        check = Boolean.TRUE.equals(r.optionalBoolean("check"));
        List<Parameter> params = readParams(r.entries("params"));
        fixSwitch = readFixSwitch(r, params);
        Set<String> known = new LinkedHashSet<>(STEP_NAMES);
        params.forEach(p -> known.add(p.name()));
        readable.addAll(known);
        readable.addAll(RESULT_NAMES);
        readable.add(PIPE_RESULT);
        readable.addAll(captureNames(r.node("steps")));
        readable.addAll(captureNames(r.node("recovery")));
        vars = RunbookVars.read(r.entries("vars"), known, readable, problems,
                (e, what) -> expression(e.value(), what, null));
        defaults = StepDefaults.read(r.node("defaults"), problems);

        Set<String> captures = new LinkedHashSet<>();
        List<Step> steps = readSteps(r.node("steps"), "steps", known, captures, true);
        // recovery steps may read every capture of the main steps
        List<Step> recovery = readSteps(r.node("recovery"), "recovery", known, captures, false);
        r.finish();

        Set<String> ids = new HashSet<>();
        for (Step s : concat(steps, recovery)) {
            if (!ids.add(s.id())) {
                problems.add(s.location(), "duplicate step id '" + s.id() + "'");
            }
        }
        for (Step s : steps) {
            for (String id : s.recover()) {
                if (recovery.stream().noneMatch(x -> x.id().equals(id))) {
                    problems.add(s.location(), "step '" + s.id() + "': recovery step '" + id
                            + "' is not in the runbook's 'recovery' list");
                }
            }
        }
        checkInvalidInputGuards(steps, recovery);
        if (steps.isEmpty() && r.has("steps")) {
            problems.add(r.keyLocation("steps"), "a runbook needs at least one step");
        }
        if (check) {
            CheckRunbookRules.check(params, concat(steps, recovery), problems);
            PerfdataReader.checkUnique(perfdata, problems);
        }
        Location at = root.location();
        return new Runbook(name == null ? "?" : name, title == null ? "?" : title, sop, description, params,
                steps, recovery, new Location(source, at.line(), at.column()), vars.all(), fixSwitch, check, perfdata);
    }

    /** {@code fix: PARAM}: the bool parameter that lets check steps repair what they found. */
    private String readFixSwitch(MapReader r, List<Parameter> params) {
        String name = r.optionalString("fix");
        if (name == null) {
            return null;
        }
        Optional<Parameter> p = params.stream().filter(x -> x.name().equals(name)).findFirst();
        if (p.isEmpty() || p.get().type() != ParamType.BOOL) {
            problems.add(r.keyLocation("fix"), "runbook 'fix' names the switch that lets checks repair what they found:"
                    + " a bool parameter of this runbook, but '" + name + "' is "
                    + (p.isEmpty() ? "not a parameter" : "a " + p.get().type().name().toLowerCase(java.util.Locale.ROOT)
                    + " parameter"));
            return null;
        }
        return name;
    }

    /**
     * A {@code severity: invalid} guard says the operator's values do not fit the host (exit 65, like a
     * bad parameter): true only while nothing has changed, so only on a probe before the first change.
     */
    private void checkInvalidInputGuards(List<Step> steps, List<Step> recovery) {
        boolean changed = false;
        for (Step s : concat(steps, recovery)) {
            changed |= s.kind() == StepKind.CHANGE || recovery.contains(s);
            if (changed && s.asserts().stream().anyMatch(a -> a.severity() == Assertion.Severity.INVALID)) {
                problems.add(s.location(), "step '" + s.id() + "': a guard with severity invalid (exit 65) must be on a"
                        + " probe before the first change: after a change the input was already acted on");
            }
        }
    }

    /** The capture names of a list of steps, read ahead so that vars may name them. */
    private static Set<String> captureNames(YamlNode steps) {
        Set<String> out = new LinkedHashSet<>();
        if (steps instanceof YamlNode.Sequence seq) {
            for (YamlNode step : seq.items()) {
                if (step instanceof YamlNode.Mapping m && m.get("capture") instanceof YamlNode.Mapping c) {
                    out.addAll(c.entries().keySet());
                }
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }


    private static List<Step> concat(List<Step> a, List<Step> b) {
        List<Step> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<Parameter> readParams(Map<String, YamlNode.Entry> entries) {
        List<Parameter> out = new ArrayList<>();
        for (YamlNode.Entry e : entries.values()) {
            String name = e.key();
            if (!PARAM_NAME.matcher(name).matches()) {
                problems.add(e.keyLocation(), "parameter name '" + name + "' must be lower case letters, digits and _");
            }
            if (STEP_NAMES.contains(name) || RESULT_NAMES.contains(name) || PIPE_RESULT.equals(name)) {
                problems.add(e.keyLocation(), "parameter name '" + name + "' is reserved");
            }
            MapReader p = new MapReader(e.value(), "parameter '" + name + "'", problems);
            String typeText = p.requiredString("type");
            ParamType type = null;
            if (typeText != null) {
                type = ParamType.fromYaml(typeText).orElse(null);
                if (type == null) {
                    problems.add(p.keyLocation("type"), "parameter '" + name + "': unknown type '" + typeText
                            + "' (host, hosts, cluster, uuid, ipv4, cidr, int, duration, enum, string, secret, bool)");
                }
            }
            String def = p.optionalString("default");
            Boolean required = p.optionalBoolean("required");
            String role = p.optionalString("role");
            String clusterType = p.optionalString("cluster_type");
            List<String> values = p.stringList("values");
            String pattern = p.optionalString("pattern");
            Integer min = p.optionalInt("min");
            Integer max = p.optionalInt("max");
            String description = p.optionalString("description");
            String within = p.optionalString("within");
            p.finish();
            if (type == ParamType.ENUM && values.isEmpty()) {
                problems.add(e.keyLocation(), "parameter '" + name + "': an enum needs 'values'");
            }
            if (pattern != null) {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException ex) {
                    problems.add(p.keyLocation("pattern"), "parameter '" + name + "': bad pattern: " + ex.getDescription());
                }
            }
            if (role != null && type != ParamType.HOST && type != ParamType.HOSTS) {
                problems.add(p.keyLocation("role"), "parameter '" + name + "': 'role' applies to host and hosts only");
            }
            if (type == ParamType.SECRET && def != null) {
                problems.add(p.keyLocation("default"), "parameter '" + name + "': a secret cannot have a default");
            }
            if (min != null && max != null && min > max) {
                problems.add(p.keyLocation("min"), "parameter '" + name + "': min " + min + " is larger than max " + max);
            }
            if (within != null && type != ParamType.IPV4 && type != ParamType.HOST) {
                problems.add(p.keyLocation("within"), "parameter '" + name + "': 'within' applies to ipv4 and host only");
            }
            if (type != null) {
                Parameter param = new Parameter(name, type, required == null ? def == null : required, def, role, clusterType,
                        values, pattern, min == null ? null : min.longValue(), max == null ? null : max.longValue(),
                        description, e.keyLocation(), within);
                checkDefault(param, p.keyLocation("default"));
                out.add(param);
            }
        }
        for (Parameter param : out) {
            ParamType container = param.type() == ParamType.HOST ? ParamType.CLUSTER : ParamType.CIDR;
            if (param.within() != null && out.stream().noneMatch(o -> o.name().equals(param.within()) && o.type() == container)) {
                problems.add(param.location(), "parameter '" + param.name() + "': within '" + param.within()
                        + "' must name a " + container.yamlName() + " parameter of this runbook");
            }
        }
        return out;
    }

    /** A default that needs no inventory is checked now, not when an operator omits the parameter. */
    private void checkDefault(Parameter p, Location at) {
        if (p.defaultValue() == null || Set.of(ParamType.HOST, ParamType.HOSTS, ParamType.CLUSTER, ParamType.SECRET)
                .contains(p.type())) {
            return;
        }
        try {
            ParameterValidator.convert(p, p.defaultValue(), null, Map.of());
        } catch (PatternSyntaxException e) {
            // the pattern itself is reported already
        } catch (IllegalArgumentException e) {
            problems.add(at, "parameter '" + p.name() + "': bad default: " + e.getMessage());
        }
    }

    private List<Step> readSteps(YamlNode node, String what, Set<String> known, Set<String> captures,
            boolean addCaptures) {
        List<Step> out = new ArrayList<>();
        if (node == null || node instanceof YamlNode.Scalar sc && sc.isNull()) {
            return out;
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            problems.add(node.location(), "'" + what + "' must be a list of steps (- id: ...), found " + node.describe());
            return out;
        }
        for (YamlNode item : seq.items()) {
            Step s = readStep(item, known, captures);
            if (s != null) {
                out.add(s);
                if (addCaptures) {
                    captures.addAll(s.capture().keySet());
                    known.addAll(s.publish().keySet());
                }
            }
        }
        return out;
    }

    private Step readStep(YamlNode node, Set<String> known, Set<String> capturesBefore) {
        String written = node instanceof YamlNode.Mapping m && m.get("id") instanceof YamlNode.Scalar s
                ? s.text() : null;
        String label = "step '" + (written == null ? "?" : written) + "'";
        MapReader r = new MapReader(node, label, problems);
        String id = r.requiredString("id");
        if (id != null && !STEP_ID.matcher(id).matches()) {
            problems.add(r.keyLocation("id"), label + ": id must be kebab-case (like check-no-guests)");
        }
        String title = r.requiredString("title");
        String sop = r.optionalString("sop");

        Set<String> before = new LinkedHashSet<>(known);
        before.addAll(capturesBefore);
        Set<String> after = new LinkedHashSet<>(before);
        after.addAll(RESULT_NAMES);
        if (r.has("pipe")) {
            after.add(PIPE_RESULT);
        }

        Template notice = template(r, "notice", label, before);
        Template run = template(r, "run", label, before);
        Template on = template(r, "on", label, before);
        if (on == null && !r.has("on") && r.has("run") && defaults.on() != null) {
            on = defaults.on();
            checkNames(on.freeVariables(), before, on.location(), label + " on (from defaults)");
        }
        Template address = template(r, "address", label, before);
        String as = r.optionalString("as");
        if (as == null && !r.has("as") && r.has("run")) {
            as = defaults.as(); // 'as: ~' in a step: the login user, despite a default
        }
        Boolean raw = r.optionalBoolean("raw");
        String kindText = r.optionalString("kind");
        StepKind kind = StepKind.PROBE;
        if (kindText != null) {
            try {
                kind = StepKind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(r.keyLocation("kind"), label + ": kind must be probe or change, not '" + kindText + "'");
            }
        }
        Destructive destructive = readDestructive(r, label, before);
        Pipe pipe = readPipe(r, label, before);
        Progress progress = readProgress(r, label, before, pipe != null);
        String parse = r.optionalString("parse");
        if (parse != null && Parsers.named(parse).isEmpty()) {
            problems.add(r.keyLocation("parse"), label + ": unknown parser '" + parse + "' (known: "
                    + String.join(", ", Parsers.names()) + ")");
        }
        Map<String, Expression> capture = new LinkedHashMap<>();
        Set<String> afterCapture = new LinkedHashSet<>(after);
        for (YamlNode.Entry e : r.entries("capture").values()) {
            if (!PARAM_NAME.matcher(e.key()).matches()) {
                problems.add(e.keyLocation(), label + ": capture name '" + e.key() + "' must be lower case letters, digits and _");
            }
            if (known.contains(e.key()) || RESULT_NAMES.contains(e.key()) || PIPE_RESULT.equals(e.key())) {
                problems.add(e.keyLocation(), label + ": capture '" + e.key() + "' would hide a parameter or built-in name");
            }
            if (vars.has(e.key())) {
                problems.add(e.keyLocation(), label + ": capture '" + e.key() + "' would hide the var of that name");
            }
            Expression x = expression(e.value(), label + " capture '" + e.key() + "'", afterCapture);
            if (x != null) {
                capture.put(e.key(), x);
            }
            afterCapture.add(e.key());
        }
        List<Assertion> asserts = readAsserts(r.node("assert"), label, afterCapture);
        List<Report> reports = readReports(r.node("report"), label, afterCapture);
        Set<String> repairNames = new LinkedHashSet<>(before);
        repairNames.addAll(capture.keySet());
        List<Repair> repairs = readRepairs(r.node("repair"), label, repairNames, Boolean.TRUE.equals(raw));
        Boolean anyOne = r.optionalBoolean("any_one");
        Undo undo = readUndo(r, label, afterCapture);
        Map<String, Expression> publish = readPublish(r, label, before, capturesBefore, capture.keySet());
        Expression when = expressionKey(r, "when", label, before);
        Until until = readUntil(r, label, afterCapture);
        Boolean expectDisconnect = r.optionalBoolean("expect_disconnect");
        OnFailure onFailure = defaults.onFailure() != null ? defaults.onFailure() : OnFailure.STOP;
        String onFailureText = r.optionalString("on_failure");
        if (onFailureText != null) {
            try {
                onFailure = OnFailure.valueOf(onFailureText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(r.keyLocation("on_failure"), label + ": on_failure must be stop, continue or recover");
            }
        }
        List<String> recover = r.stringList("recover");
        Duration timeout = r.optionalDuration("timeout");
        Boolean serial = r.optionalBoolean("serial");
        Set<Integer> allowExit = new LinkedHashSet<>();
        for (String code : r.stringList("allow_exit")) {
            try {
                allowExit.add(Integer.valueOf(code));
            } catch (NumberFormatException e) {
                problems.add(r.keyLocation("allow_exit"), label + ": allow_exit takes exit statuses, not '" + code + "'");
            }
        }
        if (allowExit.isEmpty()) {
            allowExit.add(0);
        }
        readPerfdata(r, id, label, capture.keySet());
        r.finish();

        if (run == null && notice == null) {
            problems.add(r.location(), label + ": needs 'run' (a command) or 'notice' (a message)");
        }
        if (run != null && on == null) {
            problems.add(r.location(), label + ": a command step needs 'on' (the hosts it runs on)");
        }
        if (run == null && (on != null || parse != null || !capture.isEmpty() || until != null || as != null
                || pipe != null || progress != null)) {
            problems.add(r.location(), label + ": on, parse, capture, until, as, pipe and progress need a 'run' command");
        }
        if (pipe != null && (parse != null || until != null || Boolean.TRUE.equals(expectDisconnect))) {
            problems.add(r.keyLocation("pipe"), label + ": a piped step's output goes to the other host, so parse, "
                    + "until and expect_disconnect do not apply to it");
        }
        if (as != null && !UserNames.isValid(as)) {
            problems.add(r.keyLocation("as"), label + ": 'as' must be a user name (" + UserNames.RULE + "), not '"
                    + as + "'");
        }
        if (destructive != null && kindText != null && kind == StepKind.PROBE) {
            problems.add(r.keyLocation("kind"), label + ": a destructive step is a change, not a probe");
        }
        if (destructive != null || Boolean.TRUE.equals(expectDisconnect)) {
            kind = StepKind.CHANGE;
        }
        if (run != null && !Boolean.TRUE.equals(raw)) {
            try {
                run.requireShellSafe();
            } catch (SopctlException e) {
                problems.add(r.keyLocation("run"), label + ": " + e.getMessage().replaceFirst("^[^ ]+: ", ""));
            }
        }
        if (pipe != null && !Boolean.TRUE.equals(raw)) {
            try {
                pipe.run().requireShellSafe();
            } catch (SopctlException e) {
                problems.add(r.keyLocation("pipe"), label + " pipe: " + e.getMessage().replaceFirst("^[^ ]+: ", ""));
            }
        }
        if (run != null && kind == StepKind.PROBE) {
            Optional<String> why = ChangeDetector.whyChange(run.source());
            if (why.isPresent()) {
                problems.add(r.keyLocation("run"), label + ": marked as a probe but " + why.get()
                        + "; mark it 'kind: change' (and 'destructive' if it can hurt)");
            }
        }
        if (pipe != null && kind == StepKind.PROBE) {
            Optional<String> why = ChangeDetector.whyChange(pipe.run().source());
            if (why.isPresent()) {
                problems.add(r.keyLocation("pipe"), label + ": marked as a probe but its pipe command " + why.get()
                        + "; mark it 'kind: change' (and 'destructive' if it can hurt)");
            }
        }
        if (onFailure == OnFailure.RECOVER && recover.isEmpty()) {
            problems.add(r.keyLocation("on_failure"), label + ": on_failure: recover needs 'recover: [step ids]'");
        }
        if (!recover.isEmpty() && onFailure != OnFailure.RECOVER) {
            problems.add(r.keyLocation("recover"), label + ": 'recover' needs on_failure: recover");
        }
        if (undo != null && kind != StepKind.CHANGE) {
            problems.add(r.keyLocation("undo"), label + ": 'undo' puts back what a change did, but this step is a "
                    + (run == null ? "notice" : "probe") + "; mark it 'kind: change' or drop the undo");
        }
        if (undo != null && !Boolean.TRUE.equals(raw)) {
            try {
                undo.run().requireShellSafe();
            } catch (SopctlException e) {
                problems.add(r.keyLocation("undo"), label + " undo: " + e.getMessage().replaceFirst("^[^ ]+: ", ""));
            }
        }
        if (!repairs.isEmpty() && asserts.isEmpty() && reports.isEmpty()) {
            problems.add(r.keyLocation("repair"), label + ": 'repair' mends what a check found, but this step checks"
                    + " nothing; give it 'assert' or 'report' entries, or make the repair a step of its own");
        } else if (!repairs.isEmpty() && fixSwitch == null) {
            problems.add(r.keyLocation("repair"), label + ": 'repair' runs only with the runbook's fix switch, and this"
                    + " runbook has none; add 'fix: NAME' naming a bool parameter (e.g. fix: fix)");
        }
        if (Boolean.TRUE.equals(anyOne) && (run == null || pipe != null || Boolean.TRUE.equals(serial))) {
            problems.add(r.keyLocation("any_one"), label + ": 'any_one' runs a command on the first of its hosts that"
                    + " answers; it needs 'run' and no 'pipe' or 'serial'");
        }
        if (address != null && (run == null || pipe != null || progress != null)) {
            problems.add(r.keyLocation("address"), label + ": 'address' says where to reach the host for its command;"
                    + (run == null ? " a notice runs none" : " not with pipe or progress"));
        }
        if (!publish.isEmpty() && run == null) {
            problems.add(r.keyLocation("publish"), label + ": 'publish' reads the results of a command; a notice has none");
        }
        if (id == null || title == null) {
            return null;
        }
        return new Step(id, title, sop, r.location(), on, run, as, Boolean.TRUE.equals(raw), kind, destructive,
                parse, capture, asserts, when, until, Boolean.TRUE.equals(expectDisconnect), onFailure, recover,
                timeout, Boolean.TRUE.equals(serial), allowExit, notice, pipe, progress, undo, publish, reports, repairs,
                Boolean.TRUE.equals(anyOne), address);
    }

    /** {@code report: [{level, when, message, hint}]}: findings of a check, INFO needing no condition. */
    private List<Report> readReports(YamlNode node, String label, Set<String> names) {
        List<Report> out = new ArrayList<>();
        for (YamlNode item : items(node, label + " report")) {
            MapReader a = new MapReader(item, label + " report", problems);
            String levelText = a.requiredString("level");
            Expression when = expressionKey(a, "when", label + " report", names);
            Template message = template(a, "message", label + " report", names);
            Template hint = template(a, "hint", label + " report", names);
            a.finish();
            Report.Level level = null;
            if (levelText != null) {
                try {
                    level = Report.Level.valueOf(levelText.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(a.keyLocation("level"), label + ": report level must be INFO, WARNING or CRITICAL, not '"
                            + levelText + "'");
                }
            }
            if (message == null && !a.has("message")) {
                problems.add(item.location(), label + ": report needs 'message' (the finding, shown as the check's detail)");
            }
            if (level != null && message != null) {
                out.add(new Report(level, when, message, hint));
            }
        }
        return out;
    }

    /** {@code repair:} one repair, or a list of them each with its own {@code when}. */
    private List<Repair> readRepairs(YamlNode node, String label, Set<String> names, boolean raw) {
        List<Repair> out = new ArrayList<>();
        String what = label + " repair";
        for (YamlNode item : items(node, what)) {
            MapReader m = new MapReader(item, what, problems);
            Expression when = expressionKey(m, "when", what, names);
            Template run = template(m, "run", what, names);
            String as = m.optionalString("as");
            Template confirm = template(m, "confirm", what, names);
            Template typed = template(m, "type", what, names);
            Undo undo = readUndo(m, what, names);
            boolean hasRun = m.has("run");
            m.finish();
            if (!hasRun) {
                problems.add(item.location(), label + ": repair needs 'run' (the command that mends what the check found)");
            }
            if (as != null && !UserNames.isValid(as)) {
                problems.add(m.keyLocation("as"), label + ": repair 'as' must be a user name (" + UserNames.RULE
                        + "), not '" + as + "'");
            }
            if (typed != null && confirm == null) {
                problems.add(m.keyLocation("type"), label + ": repair 'type' needs 'confirm' (what the operator approves)");
            }
            if (run != null && !raw) {
                try {
                    run.requireShellSafe();
                } catch (SopctlException e) {
                    problems.add(m.keyLocation("run"), what + ": " + e.getMessage().replaceFirst("^[^ ]+: ", ""));
                }
            }
            if (undo != null && !raw) {
                try {
                    undo.run().requireShellSafe();
                } catch (SopctlException e) {
                    problems.add(m.keyLocation("undo"), what + " undo: " + e.getMessage().replaceFirst("^[^ ]+: ", ""));
                }
            }
            if (run != null) {
                out.add(new Repair(when, run, as, confirm == null ? null : new Destructive(confirm, typed), undo));
            }
        }
        return out;
    }

    /** A list's items, or a single map as one item; null for an absent key. */
    private List<YamlNode> items(YamlNode node, String what) {
        if (node == null || node instanceof YamlNode.Scalar sc && sc.isNull()) {
            return List.of();
        }
        if (node instanceof YamlNode.Sequence s) {
            return s.items();
        }
        if (node instanceof YamlNode.Mapping) {
            return List.of(node);
        }
        problems.add(node.location(), what + " must be a map or a list of maps, found " + node.describe());
        return List.of();
    }

    /** A check step's {@code perfdata:}; refused outside a check runbook. */
    private void readPerfdata(MapReader r, String id, String label, Set<String> captures) {
        if (!r.has("perfdata")) {
            return;
        }
        if (!check) {
            r.node("perfdata");
            problems.add(r.keyLocation("perfdata"), label + ": 'perfdata' is for check runbooks (add 'check: true' at the top)");
            return;
        }
        List<Perfdata> declared = PerfdataReader.read(r.entries("perfdata"), label, captures, problems);
        if (id != null && !declared.isEmpty()) {
            perfdata.put(id, declared);
        }
    }

    private Undo readUndo(MapReader r, String label, Set<String> names) {
        YamlNode n = r.node("undo");
        if (n == null) {
            return null;
        }
        MapReader u = new MapReader(n, label + " undo", problems);
        Template run = template(u, "run", label + " undo", names);
        Template on = template(u, "on", label + " undo", names);
        String as = u.optionalString("as");
        boolean hasRun = u.has("run");
        u.finish();
        if (!hasRun) {
            problems.add(n.location(), label + ": undo needs 'run' (the command that puts the change back)");
        }
        if (as != null && !UserNames.isValid(as)) {
            problems.add(u.keyLocation("as"), label + ": undo 'as' must be a user name (" + UserNames.RULE + "), not '"
                    + as + "'");
        }
        return run == null ? null : new Undo(run, on, as);
    }

    /**
     * {@code publish: {name: expression}}: evaluated once after the step, in the run's scope plus
     * {@code results} (one map per host where the step ran: {@code host} and its captures).
     */
    private Map<String, Expression> readPublish(MapReader r, String label, Set<String> before, Set<String> captures,
            Set<String> ownCaptures) {
        Map<String, Expression> out = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>(before);
        names.removeAll(captures); // a host's own captures are not run-wide: read them in 'results'
        names.removeAll(Set.of("host", "zone"));
        names.add(PUBLISH_RESULTS);
        for (YamlNode.Entry e : r.entries("publish").values()) {
            if (!PARAM_NAME.matcher(e.key()).matches()) {
                problems.add(e.keyLocation(), label + ": published name '" + e.key() + "' must be lower case letters, digits and _");
            }
            if (before.contains(e.key()) || ownCaptures.contains(e.key()) || RESULT_NAMES.contains(e.key())
                    || PIPE_RESULT.equals(e.key()) || PUBLISH_RESULTS.equals(e.key())) {
                problems.add(e.keyLocation(), label + ": published name '" + e.key()
                        + "' is already a parameter, a capture, a published or a built-in name");
            }
            Expression x = expression(e.value(), label + " publish '" + e.key() + "'", names);
            if (x != null) {
                out.put(e.key(), x);
            }
        }
        return out;
    }

    private Pipe readPipe(MapReader r, String label, Set<String> names) {
        YamlNode n = r.node("pipe");
        if (n == null) {
            return null;
        }
        MapReader p = new MapReader(n, label + " pipe", problems);
        Template to = template(p, "to", label + " pipe", names);
        Template run = template(p, "run", label + " pipe", names);
        boolean hasTo = p.has("to");
        boolean hasRun = p.has("run");
        p.finish();
        if (!hasTo || !hasRun) {
            problems.add(n.location(), label + ": pipe needs 'to' (the receiving host) and 'run' (the command that reads the data)");
        }
        return to == null || run == null ? null : new Pipe(to, run);
    }

    private Progress readProgress(MapReader r, String label, Set<String> names, boolean piped) {
        YamlNode n = r.node("progress");
        if (n == null) {
            return null;
        }
        MapReader p = new MapReader(n, label + " progress", problems);
        Expression total = expressionKey(p, "total", label + " progress", names);
        Template on = template(p, "on", label + " progress", names);
        Template file = template(p, "file", label + " progress", names);
        boolean hasOn = p.has("on");
        boolean hasFile = p.has("file");
        p.finish();
        if (piped) {
            if (hasOn || hasFile) {
                problems.add(n.location(), label + ": a piped step counts the bytes it relays; progress takes only 'total'");
            }
            return Progress.counting(total);
        }
        if (!hasOn || !hasFile) {
            problems.add(n.location(), label + ": progress needs 'on' and 'file' (the host and the file being written, "
                    + "whose size is watched), or the step a 'pipe'");
            return null;
        }
        return on == null || file == null ? null : Progress.watching(total, on, file);
    }

    private Destructive readDestructive(MapReader r, String label, Set<String> names) {
        YamlNode n = r.node("destructive");
        if (n == null) {
            return null;
        }
        MapReader d = new MapReader(n, label + " destructive", problems);
        Template confirm = template(d, "confirm", label, names);
        Template typed = template(d, "type", label, names);
        d.finish();
        if (confirm == null) {
            problems.add(n.location(), label + ": destructive needs 'confirm' (what the operator approves)");
            return null;
        }
        return new Destructive(confirm, typed);
    }

    private List<Assertion> readAsserts(YamlNode node, String label, Set<String> names) {
        List<Assertion> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        List<YamlNode> items = node instanceof YamlNode.Sequence s ? s.items() : List.of(node);
        for (YamlNode item : items) {
            MapReader a = new MapReader(item, label + " assert", problems);
            Expression that = expressionKey(a, "that", label, names);
            Expression when = expressionKey(a, "when", label + " assert", names);
            Template message = template(a, "message", label, names);
            Template hint = template(a, "hint", label, names);
            String severity = a.optionalString("severity");
            a.finish();
            if (that == null && !a.has("that")) {
                problems.add(item.location(), label + ": assert needs 'that' (a condition)");
            }
            if (message == null && !a.has("message")) {
                problems.add(item.location(), label + ": assert needs 'message' (what is wrong when it fails)");
            }
            Assertion.Severity sev = Assertion.Severity.CRITICAL;
            if ("warning".equals(severity)) {
                sev = Assertion.Severity.WARNING;
            } else if ("invalid".equals(severity)) {
                sev = Assertion.Severity.INVALID;
            } else if (severity != null && !"critical".equals(severity)) {
                problems.add(item.location(), label + ": severity must be critical, warning or invalid");
            }
            if (that != null && message != null) {
                out.add(new Assertion(that, message, hint, sev, when));
            }
        }
        return out;
    }

    private Until readUntil(MapReader r, String label, Set<String> names) {
        YamlNode n = r.node("until");
        if (n == null) {
            return null;
        }
        MapReader u = new MapReader(n, label + " until", problems);
        Expression that = expressionKey(u, "that", label, names);
        Duration interval = u.optionalDuration("interval");
        Duration timeout = u.optionalDuration("timeout");
        Template progress = template(u, "progress", label + " until", names);
        u.finish();
        if (that == null) {
            if (!u.has("that")) {
                problems.add(n.location(), label + ": until needs 'that' (the condition to wait for)");
            }
            return null;
        }
        if (timeout == null) {
            problems.add(n.location(), label + ": until needs 'timeout' (how long to wait at most)");
            return null;
        }
        // a zero interval would poll the host as fast as SSH allows; a zero timeout never waits
        if (interval != null && interval.isZero()) {
            problems.add(u.keyLocation("interval"), label + ": until 'interval' must be longer than 0s");
        }
        if (timeout.isZero()) {
            problems.add(u.keyLocation("timeout"), label + ": until 'timeout' must be longer than 0s");
        }
        return new Until(that, interval == null ? Duration.ofSeconds(5) : interval, timeout, progress);
    }

    private Template template(MapReader r, String key, String label, Set<String> names) {
        String text = r.optionalString(key);
        if (text == null) {
            return null;
        }
        Location at = r.keyLocation(key);
        try {
            Template t = Template.parse(text, at);
            checkNames(t.freeVariables(), names, at, label + " " + key);
            return t;
        } catch (SopctlException e) {
            problems.add(at, withoutLocation(e.getMessage(), at));
            return null;
        }
    }

    private Expression expressionKey(MapReader r, String key, String label, Set<String> names) {
        YamlNode n = r.node(key);
        return n == null ? null : expression(n, label + " " + key, names);
    }

    private Expression expression(YamlNode n, String what, Set<String> names) {
        if (!(n instanceof YamlNode.Scalar s) || s.isNull()) {
            problems.add(n.location(), what + " must be an expression, found " + n.describe());
            return null;
        }
        try {
            Expression x = Expression.parse(s.text(), n.location());
            if (names != null) {
                checkNames(x.freeVariables(), names, n.location(), what);
            }
            return x;
        } catch (SopctlException e) {
            problems.add(n.location(), withoutLocation(e.getMessage(), n.location()));
            return null;
        }
    }

    /** The parsers' messages start with the location the problem is already reported at. */
    static String withoutLocation(String message, Location at) {
        String prefix = at + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /**
     * Reports each name that is not defined where it is used; a var counts as the names it reads
     * (one that reads a later step's capture or a command's result can't be used before it).
     */
    private void checkNames(Set<String> used, Set<String> names, Location at, String what) {
        for (String name : used) {
            if (vars.has(name) && !names.contains(name)) {
                for (String needed : vars.reads(name)) {
                    if (readable.contains(needed) && !names.contains(needed)) {
                        problems.add(at, what + ": var '" + name + "' reads '" + needed + "', which is not defined"
                                + " here (a capture of a later step, or a command's result outside capture, assert"
                                + " and until)");
                    }
                }
            } else if (!names.contains(name)) {
                problems.add(at, what + ": undefined variable '" + name + "' (defined here: "
                        + String.join(", ", new java.util.TreeSet<>(union(names, vars.all().keySet()))) + ")");
            }
        }
    }
}
