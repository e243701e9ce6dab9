package io.phonehome.scenario;

import io.phonehome.report.RunRecorder.Outcome;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.testng.IAnnotationTransformer;
import org.testng.IRetryAnalyzer;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.annotations.ITestAnnotation;

/**
 * Ties a TestNG run to the lab: records each scenario's outcome per device (an
 * assertion failure is FAILED, anything else BROKEN), runs a BROKEN one again on its
 * re-provisioned device while {@code lab.retries} allows, deletes what the test planted
 * on its phone, and takes a device down when its copy of the suite ends (the lab, when
 * a suite of every device does). Declared in the suite files
 * (TestNG takes annotation transformers from there only).
 */
public final class PhonehomeListener implements ITestListener, ISuiteListener, IAnnotationTransformer {
  @Override
  public void transform(ITestAnnotation annotation, Class testClass, Constructor testConstructor,
      Method testMethod) {
    annotation.setRetryAnalyzer(RetryBroken.class);
  }

  /**
   * Retries a BROKEN try, never a FAILED one, nor one that already saw an unconsented
   * upload (that test has failed, whatever a later try sees).
   */
  public static final class RetryBroken implements IRetryAnalyzer {
    @Override
    public boolean retry(ITestResult result) {
      Throwable t = result.getThrowable();
      if (t == null || t instanceof AssertionError || t instanceof org.testng.SkipException) {
        return false;
      }
      String device = device(result);
      String test = testName(result);
      Run run = run(result);
      return !run.recorder().sawUnconsented(device, test)
          && run.labIfStarted().map(lab -> lab.retryBroken(device, test, firstLine(t))).orElse(false);
    }
  }

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
    if (result.wasRetried()) {
      run(result).recorder().retried(device(result), testName(result), firstLine(result.getThrowable()));
      return;
    }
    record(result, Outcome.SKIPPED);
  }

  /**
   * A device's copy of the suite ended: that device is taken down. A run the suite made
   * itself (started from Maven or an IDE) ends with it.
   */
  @Override
  public void onFinish(ISuite suite) {
    Run.ofStarted(suite).ifPresent(run -> {
      String device = Devices.of(suite);
      if (device != null) {
        run.labIfStarted().ifPresent(lab -> lab.closeDevice(device));
      }
      if (run.ownedBySuite()) {
        run.close();
      }
    });
  }

  private static void record(ITestResult result, Outcome outcome) {
    String device = device(result);
    Run run = run(result);
    run.labIfStarted().ifPresent(lab -> lab.afterTest(device));
    String test = testName(result);
    String message = firstLine(result.getThrowable());
    run.recorder().outcome(device, test, outcome, message);
    if (outcome == Outcome.BROKEN || outcome == Outcome.SKIPPED) {
      Progress.device(device, outcome + " " + test + (message.isEmpty() ? "" : ": " + message));
    }
  }

  private static Run run(ITestResult result) {
    return Run.of(result.getTestContext().getSuite());
  }

  private static String device(ITestResult result) {
    Object[] params = result.getParameters();
    return params.length > 0 ? String.valueOf(params[0]) : "-";
  }

  private static String firstLine(Throwable t) {
    return t == null ? "" : String.valueOf(t.getMessage()).lines().findFirst().orElse("");
  }

  /** {@code OptOutCloudTest.noUploadAfterOptOut}, as findings.json names tests. */
  public static String testName(ITestResult result) {
    return result.getTestClass().getRealClass().getSimpleName() + "." + result.getMethod().getMethodName();
  }
}
