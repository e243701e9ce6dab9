package io.phonehome.scenario;

import io.phonehome.report.RunRecorder;
import io.phonehome.report.RunRecorder.Outcome;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestListener;
import org.testng.ITestResult;

/**
 * Ties a TestNG run to the lab: records each scenario's outcome per device (an
 * assertion failure is FAILED, anything else BROKEN), deletes what the test planted on
 * its phone, and tears the lab down when the suite ends. Declared in the suite files.
 */
public final class PhonehomeListener implements ITestListener, ISuiteListener {
  @Override
  public void onTestSuccess(ITestResult result) {
    record(result, Outcome.PASSED);
  }

  @Override
  public void onTestFailure(ITestResult result) {
    Throwable t = result.getThrowable();
    record(result, t instanceof AssertionError ? Outcome.FAILED : Outcome.BROKEN);
  }

  @Override
  public void onTestSkipped(ITestResult result) {
    record(result, Outcome.SKIPPED);
  }

  @Override
  public void onFinish(ISuite suite) {
    LabSession.closeCurrent();
  }

  private static void record(ITestResult result, Outcome outcome) {
    Object[] params = result.getParameters();
    String device = params.length > 0 ? String.valueOf(params[0]) : "-";
    LabSession.afterTestIfRunning(device);
    String test = testName(result);
    Throwable t = result.getThrowable();
    String message = t == null ? "" : String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    RunRecorder.outcome(device, test, outcome, message);
    if (outcome == Outcome.BROKEN || outcome == Outcome.SKIPPED) {
      Progress.device(device, outcome + " " + test + (message.isEmpty() ? "" : ": " + message));
    }
  }

  /** {@code OptOutCloudTest.noUploadAfterOptOut}, as findings.json names tests. */
  public static String testName(ITestResult result) {
    return result.getTestClass().getRealClass().getSimpleName() + "." + result.getMethod().getMethodName();
  }
}
