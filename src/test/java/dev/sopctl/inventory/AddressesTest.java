package dev.sopctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void ipv4() {
        assertThat(Addresses.isIpv4("192.168.0.254")).isTrue();
        assertThat(Addresses.isIpv4("192.168.0.256")).isFalse();
        assertThat(Addresses.isIpv4("10.0.0")).isFalse();
        assertThat(Addresses.isIpv4("ntp.example.org")).isFalse();
    }

    @Test
    void hostnames() {
        assertThat(Addresses.isHostname("ntp1.example.org")).isTrue();
        assertThat(Addresses.isHostname("node-1")).isTrue();
        assertThat(Addresses.isHostname("192.168.0.300")).isFalse();
        assertThat(Addresses.isHostname("-bad.example.org")).isFalse();
        assertThat(Addresses.isHostname("a..b")).isFalse();
        assertThat(Addresses.isHostname("root@host")).isFalse();
    }

    @Test
    void ipv6IsAcceptedAsAnAddress() {
        assertThat(Addresses.isAddress("fe80::1")).isTrue();
        assertThat(Addresses.isAddress("2001:db8::10")).isTrue();
        assertThat(Addresses.isAddress("host:22")).isFalse();
    }
}
