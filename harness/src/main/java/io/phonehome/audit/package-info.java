/**
 * The audit core: detection and judgement of a capture in one call
 * ({@link io.phonehome.audit.Audit}), its terminal table and its exit code.
 */
package io.phonehome.audit;
