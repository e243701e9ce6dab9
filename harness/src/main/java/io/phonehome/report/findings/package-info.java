/** findings.json: the contract's model, its writer and its reader. */
package io.phonehome.report.findings;
