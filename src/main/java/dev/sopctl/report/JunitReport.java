package dev.sopctl.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The check report as JUnit XML, the shape Jenkins and GitLab read: a {@code testsuite} per check
 * ({@code runbook/step}), a {@code testcase} per host. CRITICAL and WARNING are a {@code failure}
 * (its type says which), UNKNOWN — an unreachable host among them — is an {@code error} (never left
 * out), and a check skipped on a host is a {@code skipped} case with its reason. Names are short:
 * the case is the host, its class name the check (GitLab keys cases by class name and name).
 */
public final class JunitReport {
    private JunitReport() {}

    public static void write(CheckReport report, Instant started, Writer out) throws IOException {
        Map<String, List<Object>> suites = new LinkedHashMap<>();
        report.rows().forEach(r -> suites.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r));
        report.skipped().forEach(s -> suites.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s));
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "sopctl check");
            x.writeAttribute("tests", String.valueOf(report.rows().size() + report.skipped().size()));
            x.writeAttribute("failures", String.valueOf(report.count(CheckState.CRITICAL) + report.count(CheckState.WARNING)));
            x.writeAttribute("errors", String.valueOf(report.count(CheckState.UNKNOWN)));
            x.writeAttribute("time", seconds(report.rows().stream().mapToLong(CheckRow::durationMs).sum()));
            x.writeCharacters("\n");
            for (Map.Entry<String, List<Object>> suite : suites.entrySet()) {
                suite(x, suite.getKey(), suite.getValue(), started);
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
        }
    }

    private static void suite(XMLStreamWriter x, String name, List<Object> cases, Instant started)
            throws XMLStreamException {
        long failures = cases.stream().filter(c -> c instanceof CheckRow r
                && (r.state() == CheckState.CRITICAL || r.state() == CheckState.WARNING)).count();
        long errors = cases.stream().filter(c -> c instanceof CheckRow r && r.state() == CheckState.UNKNOWN).count();
        long skipped = cases.stream().filter(c -> c instanceof CheckReport.Skipped).count();
        long ms = cases.stream().mapToLong(c -> c instanceof CheckRow r ? r.durationMs() : 0).sum();
        x.writeCharacters("  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name);
        x.writeAttribute("tests", String.valueOf(cases.size()));
        x.writeAttribute("failures", String.valueOf(failures));
        x.writeAttribute("errors", String.valueOf(errors));
        x.writeAttribute("skipped", String.valueOf(skipped));
        x.writeAttribute("time", seconds(ms));
        x.writeAttribute("timestamp", started.truncatedTo(ChronoUnit.SECONDS).toString());
        x.writeCharacters("\n");
        for (Object c : cases) {
            x.writeCharacters("    ");
            if (c instanceof CheckRow r) {
                row(x, name, r);
            } else if (c instanceof CheckReport.Skipped s) {
                x.writeStartElement("testcase");
                x.writeAttribute("name", xml(s.host()));
                x.writeAttribute("classname", name);
                x.writeAttribute("time", "0");
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", xml(s.reason()));
                x.writeEndElement();
            }
            x.writeCharacters("\n");
        }
        x.writeCharacters("  ");
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void row(XMLStreamWriter x, String suite, CheckRow r) throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("name", xml(r.host()));
        x.writeAttribute("classname", suite);
        x.writeAttribute("time", seconds(r.durationMs()));
        String element = switch (r.state()) {
            case OK -> null;
            case WARNING, CRITICAL -> "failure";
            case UNKNOWN -> "error";
        };
        if (element != null) {
            x.writeStartElement(element);
            x.writeAttribute("message", xml(r.detail().isEmpty() ? r.outcome() : r.detail()));
            x.writeAttribute("type", r.state().name());
            // GitLab shows the body, not the message
            x.writeCharacters(xml(r.state().name() + " (" + r.outcome() + ")" + (r.detail().isEmpty() ? "" : ": " + r.detail())));
            x.writeEndElement();
        } else if (!r.detail().isEmpty()) {
            x.writeStartElement("system-out");
            x.writeCharacters(xml(r.detail()));
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    /** Text XML 1.0 can hold: control characters from a host's output become U+FFFD. */
    static String xml(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF ? c : 0xFFFD));
        return b.toString();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }
}
