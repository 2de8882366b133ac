package dev.sopctl.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The commands of the SOPs in {@code shared/sops/} (and what runbooks write around them), each
 * known to change state or known to only read.
 */
class ChangeDetectorTest {

    static Stream<String> changes() {
        return Stream.of(
                // commands that run other commands
                "sh -c 'reboot'",
                "bash -c \"umount /data\"",
                "su - orchard -c './pemon start'",
                "ssh -p 22 root@node2 reboot",
                "ls /data/gvm/*.bak | xargs rm",
                "find /var/tmp -name '*.tgz' -delete",
                "find /data -name x -exec rm {} ;",
                "echo $(reboot)",
                "echo `halt`",
                // pvdi-sop: master VM, /data, node
                "xl shutdown mastervm01",
                "xl shutdown {{ host.vars.mastervm }}",
                "xl destroy 3",
                "xl create /data/mastervm01.cfg",
                "cd /data && xl create {{ cfg }}",
                "umount /data",
                "mount /data",
                "mount /dev/drbd0 /data",
                "mount -t ocfs2 /dev/sdb1 /data",
                "mount -o remount,ro /data",
                "mount | grep -q ' on /data ' || mount /data",
                "reboot",
                "halt",
                "shutdown -h now",
                "/etc/init.d/o2cb restart",
                "/etc/init.d/o2cb reload",
                "/etc/init.d/nginx start",
                "/etc/init.d/ntp stop",
                "/etc/init.d/networking restart",
                "./pvdi_was start",
                "/opt/graphite/bin/carbon-cache.py start",
                "ntpdate -s 192.168.0.1",
                "ntpdate -b 192.168.0.1",
                "chronyc makestep",
                "chronyc -n add server 192.168.0.1 iburst",
                "chronyc burst 4/4",
                "timedatectl set-ntp true",
                "timedatectl set-time '2026-01-01 10:00'",
                "/etc/init.d/ntp stop; ntpdate -s 192.168.0.1; /etc/init.d/ntp start",
                "crontab -e",
                "crontab -",
                "crontab /tmp/cron.new",
                "sync && echo 1 > /proc/sys/vm/drop_caches",
                "echo 1 > /proc/sys/vm/drop_caches",
                "echo x >> /etc/ntp.conf",
                "ls /data 2>/tmp/ls.err",
                "ls /data 2>> /tmp/ls.err",
                "xl dmesg &>/tmp/dmesg.txt",
                "xl dmesg >/tmp/dmesg.txt 2>&1",
                "ifdown xenbr0",
                "ifup xenbr0",
                "brctl addif xenbr0 eth0",
                "brctl delbr xenbr1",
                "ip addr add 192.168.0.20/24 dev xenbr0",
                "ip route add default via 192.168.0.254",
                "ip link set eth0 down",
                "route add default gw 192.168.0.254",
                "route del default",
                "ifconfig xenbr0 192.168.0.20 netmask 255.255.255.0",
                "ifconfig xenbr0 down",
                "scp -P 22 /data/gvm/disk 192.168.0.21:/data/gvm/",
                "mv ./disk ./disk.bak",
                "rm /opt/LifeKeeper/subsys/scsi/resources/netraid/x_data_corrupt",
                "sed -i s/a/b/ /etc/defaults/o2cb",
                // pacemaker
                "crm resource start",
                "crm resource stop DBServer",
                "crm resource cleanup Dbase",
                "crm resource migrate DBServer mastervm02",
                "crm node standby mastervm01",
                "crm node online mastervm01",
                "crm configure property stonith-enabled=false",
                "crm configure edit",
                "crm configure delete Dbase",
                "crm configure load update /tmp/cib.txt",
                "crm_resource --cleanup -r Dbase",
                "crm_resource -C",
                "crm_resource --move -r DBServer -N mastervm02",
                "crm_resource --clear -r DBServer",
                "crm_resource -r Dbase -p target-role -v Started",
                "crm_attribute -n maintenance-mode -v true",
                "cibadmin --replace --xml-file /tmp/cib.xml",
                "cibadmin -E --force",
                // DRBD / heartbeat / NFS
                "drbdadm primary data",
                "drbdadm primary --force data",
                "drbdadm secondary data",
                "drbdadm connect data",
                "drbdadm disconnect data",
                "drbdadm -- --discard-my-data connect data",
                "drbdadm create-md data",
                "/etc/init.d/drbd start",
                "service drbd start",
                "service heartbeat restart",
                "service nfs stop",
                "systemctl restart ntpd",
                "systemctl stop nfs-server",
                "sudo systemctl start heartbeat",
                // LifeKeeper
                "perform_action -t app1 -a restore",
                "perform_action -t datarep1 -a remove",
                "lcdremexec -d node2 -- perform_action -t app1 -a restore",
                "flg_create -f shutdown_switchover",
                "flg_remove -f shutdown_switchover",
                "lkstart",
                "lkstop",
                "kill -9 1234",
                "grep -l x /etc/* | xl shutdown x",
                "mirror_action datarep1 force node1",
                "mirror_action datarep1 pause",
                "lkpolicy --set-policy Failover --off tag=ip1",
                "date -s '2024-01-01 00:00'");
    }

    static Stream<String> probes() {
        return Stream.of(
                "sh -c 'xl list'",
                "su - orchard -c 'ps -ef'",
                "ssh root@node2 cat /proc/drbd",
                "ntpdate -q 192.168.0.1",
                "chronyc tracking",
                "chronyc -n sources",
                "chronyc -h 127.0.0.1 sourcestats -v",
                "timedatectl show",
                "timedatectl",
                "date +%s.%N",
                "find /data/gvm -name '*.bak'",
                "find /var/log -name 'messages*' -exec ls -l {} ;",
                "echo $(hostname)",
                "xl list",
                "xl info",
                "xl list | grep -c mastervm01",
                "xl",
                "mount",
                "mount | grep /data",
                "mount -t ocfs2",
                "mount -l -t ocfs2",
                "mount | grep -q ' on /data '",
                "/etc/init.d/o2cb status",
                "service heartbeat status",
                "service nfs status",
                "systemctl status ntpd",
                "systemctl is-active nfs-server",
                "crm resource status",
                "crm_mon -1",
                "crm configure show",
                "crm configure verify",
                "crm_resource --list",
                "crm_resource -W -r DBServer",
                "crm_resource --locate --resource Dbase",
                "crm_attribute -n maintenance-mode -G",
                "cibadmin -Q",
                "cibadmin --query --scope resources",
                "drbdadm status",
                "drbdadm status data",
                "drbdadm role data",
                "drbdadm cstate data",
                "drbdadm dstate data",
                "drbdadm dump",
                "cat /proc/drbd",
                "cat /proc/mdstat",
                "cat /proc/net/bonding/bond0",
                "cat /home/orchard/pvdi/docs/VERSION",
                "lcdstatus -q",
                "lcdstatus -e",
                "lcdstatus | grep strategy",
                "mirror_status datarep1",
                "flg_list",
                "ntpq -p",
                "ntpq -pn",
                "brctl show",
                "ip addr",
                "ip addr show dev xenbr0",
                "ip route",
                "ip -4 route show",
                "route -n",
                "ifconfig",
                "ifconfig -a",
                "ifconfig xenbr0",
                "crontab -l",
                "crontab -l | grep drop_caches",
                "sha256sum /data/gvm/disk",
                "df -h",
                "df -P /data",
                "ls -al /data",
                "ls -al ./\"Disk UUID\"",
                "stat -c %s /data/gvm/disk",
                "grep x /var/log/messages",
                "grep x /var/log/messages > /dev/null",
                "grep -c 'Call Trace' /var/log/messages 2>/dev/null",
                "grep -q o2net /var/log/messages 2>&1",
                "grep -q o2net /var/log/messages >/dev/null 2>&1",
                "grep -q o2net /var/log/messages &>/dev/null",
                "echo warn >&2",
                "ps -ef | grep nginx",
                "cat /proc/sys/kernel/random/boot_id",
                "date",
                "uptime",
                "hostname",
                "test -d /data",
                "echo '>' | cat",
                "awk '{print $1 > 0}' /proc/loadavg",
                "LANG=C mount",
                "timeout 5 xl list",
                "rpm -q steeleye-lk",
                "lkpolicy --get-policies --verbose",
                "grep -c restart /var/log/messages",
                "tail -n 50 /var/log/lifekeeper.log | grep stop",
                "ps -ef | grep 'carbon-cache.py start'",
                "echo start");
    }

    @ParameterizedTest
    @MethodSource("changes")
    void aCommandThatChangesStateIsRecognised(String command) {
        // when
        Optional<String> why = ChangeDetector.whyChange(command);

        // then
        assertThat(why).as(command).isPresent();
    }

    @ParameterizedTest
    @MethodSource("probes")
    void aReadOnlyCommandIsNotAChange(String command) {
        // when
        Optional<String> why = ChangeDetector.whyChange(command);

        // then
        assertThat(why).as(command).isEmpty();
    }

    @Test
    void theReasonNamesTheCommand() {
        assertThat(ChangeDetector.whyChange("umount /data")).contains("'umount' changes state");
        assertThat(ChangeDetector.whyChange("xl shutdown x")).contains("'xl shutdown' changes a domain");
        assertThat(ChangeDetector.whyChange("drbdadm primary data")).contains("'drbdadm primary' changes DRBD state");
        assertThat(ChangeDetector.whyChange("echo 1 > /proc/sys/vm/drop_caches")).contains("it writes a file with '>'");
        assertThat(ChangeDetector.whyChange("/etc/init.d/o2cb restart")).hasValueSatisfying(
                why -> assertThat(why).contains("o2cb").contains("restart"));
    }

    @Test
    void aChangeAfterAPipeOrSeparatorIsFound() {
        assertThat(ChangeDetector.whyChange("xl list; xl shutdown x")).isPresent();
        assertThat(ChangeDetector.whyChange("xl list && reboot")).isPresent();
        assertThat(ChangeDetector.whyChange("xl list || reboot")).isPresent();
        assertThat(ChangeDetector.whyChange("xl list\nreboot")).isPresent();
    }

    @Test
    void aPrefixDoesNotHideTheCommand() {
        assertThat(ChangeDetector.whyChange("sudo reboot")).isPresent();
        assertThat(ChangeDetector.whyChange("LANG=C nohup umount /data")).isPresent();
        assertThat(ChangeDetector.whyChange("/sbin/reboot")).isPresent();
    }
}
