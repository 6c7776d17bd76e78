package fr.ecole.lending.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    static final ClientAddress BEHIND_BALANCER = ClientAddress.trusting("10.0.0.5, 10.1.0.0/16, fd00::/8");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(ClientAddress.trusting("").of("192.0.2.7", List.of("198.51.100.1"))).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.trusting(null).of("192.0.2.7", List.of())).isEqualTo("192.0.2.7");
    }

    @Test
    void aForgedHeaderFromAnUntrustedAddressIsIgnored() {
        assertThat(BEHIND_BALANCER.of("192.0.2.7", List.of("198.51.100.1"))).isEqualTo("192.0.2.7");
    }

    @Test
    void theTrustedProxysLastEntryIsTheClient() {
        assertThat(BEHIND_BALANCER.of("10.0.0.5", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // what the client wrote itself stands to the left of what the load balancer appended
        assertThat(BEHIND_BALANCER.of("10.0.0.5", List.of("203.0.113.9, 198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(BEHIND_BALANCER.of("10.0.0.5", List.of("203.0.113.9", "198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void aChainOfTrustedProxiesIsFollowed() {
        assertThat(BEHIND_BALANCER.of("10.0.0.5", List.of("198.51.100.1, 10.1.2.3"))).isEqualTo("198.51.100.1");
        assertThat(BEHIND_BALANCER.of("fd12::1", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void whatIsNotAnAddressStopsTheReading() {
        assertThat(BEHIND_BALANCER.of("10.0.0.5", List.of("unknown"))).isEqualTo("10.0.0.5");
        assertThat(BEHIND_BALANCER.of("10.0.0.5", List.of("evil.example, 10.1.0.1"))).isEqualTo("10.1.0.1");
        assertThat(BEHIND_BALANCER.of("10.0.0.5", List.of(""))).isEqualTo("10.0.0.5");
    }

    @Test
    void aBlockCoversItsAddressesOnly() {
        assertThat(BEHIND_BALANCER.of("10.2.0.1", List.of("198.51.100.1"))).isEqualTo("10.2.0.1");
        assertThat(BEHIND_BALANCER.of("10.0.0.6", List.of("198.51.100.1"))).isEqualTo("10.0.0.6");
    }

    @Test
    void aSettingThatIsNotAnAddressStopsTheStart() {
        assertThatThrownBy(() -> ClientAddress.trusting("loadbalancer.internal")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loadbalancer.internal");
        assertThatThrownBy(() -> ClientAddress.trusting("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddress.trusting("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
