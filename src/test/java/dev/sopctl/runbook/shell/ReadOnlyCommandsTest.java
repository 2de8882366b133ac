package dev.sopctl.runbook.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ad-hoc allowlist: what runs at once, and what needs a confirmation with the reason given —
 * including the ways around a deny-list (substitution, eval, escaped names, shells).
 */
class ReadOnlyCommandsTest {

    static Stream<String> probes() {
        return Stream.of(
                "cat /proc/drbd", "ls -la /data", "ps -ef", "ps -ef | grep [u]wsgi", "grep -c error /var/log/messages",
                "df -h /data", "head -n 20 /var/log/messages", "tail -f /var/log/messages", "wc -l /etc/passwd",
                "uptime", "hostname", "hostname -f", "date", "date -u +%s", "date -d yesterday +%F", "mount",
                "mount | grep /data", "mount -l", "xl list", "xl info", "xl list -l mastervm01", "crm status",
                "crm_mon -1", "crm_mon -1r", "crm resource status DBServer", "drbdadm status", "drbdadm role data",
                "lcdstatus -q", "ntpq -p", "ntpq -pn", "ntpq -c rv", "brctl show", "ip addr", "ip addr show dev br0",
                "ip -4 -br link show", "ip route", "ip route get 8.8.8.8", "ifconfig", "ifconfig br0",
                "cat /proc/net/bonding/bond0", "dmesg -T | tail", "journalctl -u ntpd --since today",
                "find /var/log -name '*.gz' -mtime +30", "sort -n sizes | uniq -c", "sed -n '/error/p' /var/log/x",
                "sed -e 's/a/b/g' -e '3q' f", "sed -n '1,/^$/{p;}' f", "systemctl status ntpd --no-pager",
                "service o2cb status", "/etc/init.d/o2cb status", "/usr/bin/uptime", "/sbin/ip addr show",
                "LANG=C df -h", "uptime; hostname && date || true", "ls /data/*.cfg", "cat x 2>/dev/null",
                "grep x f >/dev/null 2>&1", "cat < /etc/hosts", "ping -c 3 192.168.0.254", "echo 'a $(b) `c`'",
                "cat <<'EOF'\n$(reboot)\nEOF\n", "uptime # ; reboot", "echo \"plain text\"", "echo $ alone",
                "timedatectl", "chronyc tracking", "! grep -q x f", "uptime &", "wc -l <<< 'a b'", "crontab -l", "crontab -u orchard -l", "ss -tlnp");
    }

    static Stream<Arguments> confirmations() {
        return Stream.of(
                // the bypasses of a deny-list
                Arguments.of("$(echo reboot)", "command substitution"),
                Arguments.of("echo $(reboot)", "command substitution"),
                Arguments.of("cat `which reboot`", "backquoted"),
                Arguments.of("echo \"`halt`\"", "backquoted"),
                Arguments.of("echo \"$(halt)\"", "command substitution"),
                Arguments.of("\\rm -rf /tmp/x", "quoted, escaped or expanded"),
                Arguments.of("'rm' /tmp/x", "quoted, escaped or expanded"),
                Arguments.of("r\"\"m /tmp/x", "quoted, escaped or expanded"),
                Arguments.of("{rm,-rf,/tmp/x}", "quoted, escaped or expanded"),
                Arguments.of("eval \"rm /tmp/x\"", "'eval' is not a known read-only command"),
                Arguments.of("sh -c 'uptime'", "'sh' is not"),
                Arguments.of("bash -c \"rm x\"", "'bash' is not"),
                Arguments.of("bash <<EOF\nrm x\nEOF\n", "'bash' is not"),
                Arguments.of("sh <<'EOF'\nuptime\nEOF\n", "'sh' is not"),
                Arguments.of("cat <<EOF\n$(reboot)\nEOF\n", "here-document expands"),
                Arguments.of("cat <<EOF\nno end", "no end line"),
                Arguments.of("$CMD", "shell variable"),
                Arguments.of("ls ${HOME}", "shell variable"),
                Arguments.of("echo $'\\x72\\x6d'", "$'…'"),
                Arguments.of("cat <(reboot)", "process substitution"),
                Arguments.of("(reboot)", "subshell"),
                Arguments.of("uptime; reboot", "'reboot' is not"),
                Arguments.of("uptime\nreboot", "'reboot' is not"),
                Arguments.of("uptime | xargs rm", "'xargs' is not"),
                Arguments.of("uptime |& tee log", "'tee' is not"),
                Arguments.of("echo 'unterminated", "unterminated quote"),
                Arguments.of("./uptime", "not a system command"),
                Arguments.of("/tmp/ls", "not a system command"),
                Arguments.of("PATH=/tmp ls", "environment variable 'PATH'"),
                Arguments.of("LD_PRELOAD=/tmp/x.so cat f", "environment variable 'LD_PRELOAD'"),
                Arguments.of("exec reboot", "'exec' is not"),
                Arguments.of("sudo cat /etc/shadow", "'sudo' is not"),
                Arguments.of(". /tmp/script", "'.' is not"),
                Arguments.of("if true; then reboot; fi", "'if' is not"),
                // writing options and redirections
                Arguments.of("sed -i 's/a/b/' /etc/ntp.conf", "edits files in place"),
                Arguments.of("sed -ni 's/a/b/p' f", "edits files in place"),
                Arguments.of("sed 's/a/b/w /etc/passwd' f", "writes a file"),
                Arguments.of("sed -n '1e reboot' f", "runs a command"),
                Arguments.of("sed 's/a/reboot/e' f", "runs a command"),
                Arguments.of("sed -f script.sed f", "not one of its printing options"),
                Arguments.of("echo x | tee /etc/motd", "'tee' is not"),
                Arguments.of("echo x > /etc/motd", "writes to '/etc/motd'"),
                Arguments.of("echo x >> /etc/motd", "writes to '/etc/motd'"),
                Arguments.of("echo x 2>/tmp/err", "writes to '/tmp/err'"),
                Arguments.of("echo x &>/tmp/out", "writes to '/tmp/out'"),
                Arguments.of("echo x >&/tmp/out", "writes to '/tmp/out'"),
                Arguments.of("cat f >| /tmp/out", "writes to '/tmp/out'"),
                Arguments.of("cat <> /dev/sda", "opens '/dev/sda'"),
                Arguments.of("> /etc/motd", "writes to '/etc/motd'"),
                Arguments.of("find /data -name x -delete", "'find -delete'"),
                Arguments.of("find /data -exec rm '{}' \\;", "'find -exec'"),
                Arguments.of("find /data -fprint /etc/x", "'find -fprint'"),
                Arguments.of("find *", "expanded by the remote shell"),
                Arguments.of("sort -o /etc/passwd f", "'sort -o'"),
                Arguments.of("sort --output=/etc/x f", "writes a file"),
                Arguments.of("sort -no x f", "writes a file"),
                Arguments.of("uniq in out", "writes OUTPUT"),
                Arguments.of("date -s '2026-01-01'", "sets the clock"),
                Arguments.of("date 010100002026", "sets the clock"),
                Arguments.of("date --set=now", "sets the clock"),
                Arguments.of("hostname evil", "set the host name"),
                Arguments.of("mount /data", "it would mount"),
                Arguments.of("mount -a", "it would mount"),
                Arguments.of("xl shutdown mastervm01", "not one of its read-only forms"),
                Arguments.of("xl dmesg -c", "changes state"),
                Arguments.of("xl", "not one of its read-only forms"),
                Arguments.of("crm resource stop DBServer", "not one of its read-only forms"),
                Arguments.of("crm_mon", "keeps running"),
                Arguments.of("crm_mon -1 --output-to=/etc/x", "not one of its read-only options"),
                Arguments.of("drbdadm primary data", "not one of its read-only forms"),
                Arguments.of("brctl addif br0 eth1", "not one of its read-only forms"),
                Arguments.of("ip addr add 10.0.0.1/24 dev br0", "is not 'show'"),
                Arguments.of("ip -batch /tmp/x", "not one of its read-only forms"),
                Arguments.of("ifconfig br0 10.0.0.1", "changes it"),
                Arguments.of("ntpq -i", "not one of its read-only options"),
                Arguments.of("ntpdate 10.0.0.1", "'ntpdate' is not"),
                Arguments.of("dmesg -c", "clears the kernel log"),
                Arguments.of("dmesg --clear", "clears the kernel log"),
                Arguments.of("journalctl --vacuum-size=1M", "changes the journal"),
                Arguments.of("systemctl restart ntpd", "not one of its read-only forms"),
                Arguments.of("service ntpd restart", "controls a service"),
                Arguments.of("/etc/init.d/o2cb stop", "controls a service"),
                Arguments.of("ping 10.0.0.1", "does not end"),
                Arguments.of("ping -f -c 3 10.0.0.1", "not one of its plain options"),
                Arguments.of("crontab -r", "edits a crontab"),
                Arguments.of("ss -K dst 10.0.0.1", "closes sockets"),
                Arguments.of("crontab /tmp/evil", "edits a crontab"),
                Arguments.of("reboot", "'reboot' is not a known read-only command"),
                Arguments.of("", "no command"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("probes")
    void aReadOnlyProbeRunsWithoutAConfirmation(String command) {
        assertThat(ReadOnlyCommands.whyConfirm(command)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("confirmations")
    void anythingElseNeedsAConfirmationAndSaysWhy(String command, String reason) {
        assertThat(ReadOnlyCommands.whyConfirm(command)).hasValueSatisfying(why -> assertThat(why).contains(reason));
    }

    @Test
    void theReadmeDocumentsEveryCommandOfTheAllowlist() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("### Ad-hoc commands");
        assertThat(section).as("README has a section '### Ad-hoc commands'").isPositive();
        String text = readme.substring(section);
        assertThat(ProbeRules.names()).allSatisfy(name -> assertThat(text).contains("`" + name));
    }
}
