package dev.sopctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryTableTest {
    private final Inventory example = InventoryLoader.load(InventoryLoaderTest.resource("design-example.yaml"), Map.of());
    private final InventoryTable table = new InventoryTable();

    @Test
    void rendersHostsThenClusters() {
        // when
        StringWriter text = new StringWriter();
        table.render(example, new PrintWriter(text));

        // then
        assertThat(text.toString()).isEqualTo("""
                HOST        ROLE            ZONE    ADDRESS                VIA
                node1       node            zone-a  root@192.168.0.20:22   -
                node2       node            zone-a  root@192.168.0.21:22   -
                node3       node            zone-b  root@192.168.1.20:22   -
                mastervm01  mastervm        zone-a  root@192.168.0.30:22   -
                mastervm02  mastervm        zone-a  root@192.168.0.31:22   -
                nas1        storage         -       root@192.168.0.226:22  -
                nas2        storage         -       root@192.168.0.227:22  -
                lk1         cluster-member  -       root@10.0.0.1:22       -
                lk2         cluster-member  -       root@10.0.0.2:22       bastion
                bastion     -               -       ops@203.0.113.5:2222   -

                CLUSTERS
                NAME         TYPE        MEMBERS
                mastervm-ha  pacemaker   mastervm01,mastervm02
                nfs-ha       drbd        nas1,nas2
                app-lk       lifekeeper  lk1,lk2
                """);
    }

    @Test
    void withoutClustersThereIsNoClusterSection() {
        Inventory inventory = InventoryLoader.parse("hosts:\n  v6: {address: 'fe80::1', user: ops}\n", "inv.yaml", Map.of());
        StringWriter text = new StringWriter();

        table.render(inventory, new PrintWriter(text));

        assertThat(text.toString()).isEqualTo("""
                HOST  ROLE  ZONE  ADDRESS           VIA
                v6    -     -     ops@[fe80::1]:22  -
                """);
    }

    @Test
    void jsonRowsCarryTheFactsAndSecretsByNameAndSourceOnly() {
        // when
        List<Map<String, Object>> rows = table.asJson(example);

        // then
        assertThat(rows).extracting(r -> r.get("kind") + ":" + r.get("name")).containsExactly(
                "host:node1", "host:node2", "host:node3", "host:mastervm01", "host:mastervm02", "host:nas1",
                "host:nas2", "host:lk1", "host:lk2", "host:bastion",
                "zone:zone-a", "zone:zone-b",
                "cluster:mastervm-ha", "cluster:nfs-ha", "cluster:app-lk",
                "secret:db_password");
        Map<String, Object> lk2 = rows.get(8);
        assertThat(lk2).containsEntry("address", "10.0.0.2").containsEntry("port", 22)
                .containsEntry("user", "root").containsEntry("via", "bastion")
                .containsEntry("clusters", List.of("app-lk"));
        assertThat(rows.get(0)).containsEntry("vars", Map.of("mastervm", "mastervm01", "mastervm_cfg", "/data/mastervm01.cfg"));
        assertThat(rows.get(13)).containsEntry("type", "drbd").containsEntry("members", List.of("nas1", "nas2"));
        assertThat(rows.get(15)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "kind", "secret", "name", "db_password", "source", "env", "env", "PVDI_DB_PASSWORD"));
    }

    @Test
    void jsonNeverContainsASecretValueEvenWhenItResolves() {
        // given the secret's value is in the environment of this process
        String value = "s3cret-value";
        Inventory inventory = InventoryLoader.parse("""
                hosts:
                  a: {address: 10.0.0.1, password: pw}
                secrets:
                  pw: {env: PW}
                """, "inv.yaml", Map.of("PW", value));

        List<Map<String, Object>> rows = table.asJson(inventory);

        assertThat(rows.toString()).doesNotContain(value).contains("password_secret=pw");
    }
}
