import AttachSupport
import Foundation
import Testing

@Suite struct EnvironmentSecretTests {
    @Test func aSetVariableGivesItsValueAndAnUnsetOneNil() {
        setenv("SLUICE_TEST_SECRET", "s3cret", 1)
        defer { unsetenv("SLUICE_TEST_SECRET") }
        #expect(EnvironmentSecret.value(of: "SLUICE_TEST_SECRET") == "s3cret")
        unsetenv("SLUICE_TEST_SECRET_UNSET")
        #expect(EnvironmentSecret.value(of: "SLUICE_TEST_SECRET_UNSET") == nil)
        #expect(EnvironmentSecret.notSet("X").contains("environment variable X is not set"))
    }
}
