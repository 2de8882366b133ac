package dev.sopctl.parse;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The named parsers a runbook step can ask for with {@code parse: NAME}. */
public final class Parsers {
    private static final Map<String, OutputParser> BY_NAME;

    static {
        Map<String, OutputParser> m = new TreeMap<>();
        m.put("lines", new LinesParser());
        m.put(XlListParser.NAME, new XlListParser());
        m.put(XlInfoParser.NAME, new XlInfoParser());
        m.put(CrmResourceParser.NAME, new CrmResourceParser());
        m.put(O2cbStatusParser.NAME, new O2cbStatusParser());
        m.put(PsParser.NAME, new PsParser());
        m.put(MountParser.NAME, new MountParser());
        m.put(DfParser.NAME, new DfParser());
        m.put(KernelLogParser.NAME, new KernelLogParser());
        m.put(ProcBondingParser.NAME, new ProcBondingParser());
        m.put(BrctlShowParser.NAME, new BrctlShowParser());
        m.put(NtpqPeersParser.NAME, new NtpqPeersParser());
        m.put(ProcDrbdParser.NAME, new ProcDrbdParser());
        m.put(LcdstatusParser.NAME, new LcdstatusParser());
        m.put(LcdstatusParser.NAME_E, new LcdstatusParser(true));
        m.put(DrbdadmStatusParser.NAME, new DrbdadmStatusParser());
        m.put(MirrorStatusParser.NAME, new MirrorStatusParser());
        m.put(MirrorStatusAllParser.NAME, new MirrorStatusAllParser());
        for (ClStatusParser.Command c : ClStatusParser.Command.values()) {
            m.put(c.parserName, new ClStatusParser(c));
        }
        m.put(ChronycTrackingParser.NAME, new ChronycTrackingParser());
        m.put(ChronycSourcesParser.NAME, new ChronycSourcesParser());
        m.put(TimedatectlShowParser.NAME, new TimedatectlShowParser());
        m.put(IpBriefParser.NAME, new IpBriefParser());
        m.put(BridgeLinkParser.NAME, new BridgeLinkParser());
        m.put(PingParser.NAME, new PingParser());
        m.put(ProcBondingAllParser.NAME, new ProcBondingAllParser());
        m.put(NtpdateParser.NAME, new NtpdateParser());
        m.put(CmkJsonParser.NAME, new CmkJsonParser());
        m.put(SsListenParser.NAME, new SsListenParser());
        m.put(JavaPropertiesParser.NAME, new JavaPropertiesParser());
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private Parsers() {}

    public static Optional<OutputParser> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }
}
