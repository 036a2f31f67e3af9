package io.github.distributedcounter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The public limits type, the builder settings and the command line options that turn limits on. */
class LimitsTest {

    @Test
    void awsNumbers() {
        Limits aws = Limits.aws();
        assertThat(aws.writeUnitsPerSecond()).isEqualTo(1_000);
        assertThat(aws.readUnitsPerSecond()).isEqualTo(3_000);
        assertThat(aws.burstSeconds()).isEqualTo(300);
        assertThat(aws.burstOnPartitionKeys()).isFalse();
        assertThat(aws.burst()).isTrue();
    }

    @Test
    void burstOffAndCustomRates() {
        assertThat(Limits.aws().withoutBurst()).isEqualTo(new Limits(1_000, 3_000, 0, false));
        assertThat(Limits.aws().withoutBurst().burst()).isFalse();
        assertThat(Limits.perKey(10, 30)).isEqualTo(new Limits(10, 30, 300, false));
        assertThat(Limits.perKey(10, 30).withBurstSeconds(60).withBurstOnPartitionKeys(true))
                .isEqualTo(new Limits(10, 30, 60, true));
    }

    @Test
    void rejectsValuesOutOfRangeWithClearMessages() {
        assertThatThrownBy(() -> Limits.perKey(0, 3_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("writeUnitsPerSecond must be between 1 and 1000000, was 0");
        assertThatThrownBy(() -> Limits.perKey(1_000, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readUnitsPerSecond must be between 1 and 1000000, was -5");
        assertThatThrownBy(() -> Limits.perKey(2_000_000, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("writeUnitsPerSecond must be between 1 and 1000000, was 2000000");
        assertThatThrownBy(() -> Limits.aws().withBurstSeconds(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("burstSeconds must be between 0 (burst off) and 3600, was -1");
        assertThatThrownBy(() -> Limits.aws().withBurstSeconds(3_601)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("burstSeconds must be between 0 (burst off) and 3600, was 3601");
        assertThatThrownBy(() -> DynamoDbEmulator.builder().limits(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("limits");
    }

    @Test
    void limitsAreOffByDefaultAndTheBuilderTurnsThemOn() {
        try (DynamoDbEmulator plain = DynamoDbEmulator.start()) {
            assertThat(plain.limits()).isEmpty();
            assertThat(plain.throttledRequests()).isZero();
        }
        try (DynamoDbEmulator aws = DynamoDbEmulator.builder().awsLimits(true).start()) {
            assertThat(aws.limits()).contains(Limits.aws());
        }
        try (DynamoDbEmulator custom = DynamoDbEmulator.builder().limits(Limits.perKey(5, 10).withoutBurst())
                .start()) {
            assertThat(custom.limits()).contains(new Limits(5, 10, 0, false));
        }
        try (DynamoDbEmulator off = DynamoDbEmulator.builder().limits(Limits.aws()).awsLimits(false).start()) {
            assertThat(off.limits()).isEmpty();
        }
    }

    @Test
    void commandLineAwsLimits() {
        try (DynamoDbEmulator emulator = Main.parse(new String[] {"--aws-limits", "--latency-ms", "4"}).start()) {
            assertThat(emulator.limits()).contains(Limits.aws());
        }
        try (DynamoDbEmulator emulator = Main.parse(new String[] {"--latency-ms", "4"}).start()) {
            assertThat(emulator.limits()).isEmpty();
        }
    }
}
