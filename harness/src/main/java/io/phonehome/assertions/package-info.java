/**
 * Fluent privacy assertions for TestNG suites; start at
 * {@link io.phonehome.assertions.PrivacyAssertions#assertThat}.
 */
package io.phonehome.assertions;
