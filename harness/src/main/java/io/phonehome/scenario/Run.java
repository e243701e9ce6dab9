package io.phonehome.scenario;

import io.phonehome.device.Inventory;
import io.phonehome.device.InventoryException;
import io.phonehome.device.InventoryParser;
import io.phonehome.lifecycle.Interruption;
import io.phonehome.report.FirmwareDiffs;
import io.phonehome.report.RunRecorder;
import java.nio.file.Path;
import java.util.Optional;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestResult;
import org.testng.Reporter;

/**
 * One run of a suite on a lab, and all that its devices share: the lab as devices.yaml
 * declares it (parsed once, immutable), the run folder, one {@link RunRecorder} for what
 * the scenarios concluded, the firmware comparisons, and the {@link LabSession} that
 * provisions each device when its first test asks for it.
 *
 * <p>Nothing of a run lives in a static field: the suites of a run (one copy per device,
 * tested side by side) find it as their suite attribute {@value #ATTRIBUTE}. {@code
 * ./phonehome run} makes the run and hands it to TestNG with {@link #binder()}; a suite
 * started from Maven or an IDE without it makes its own from the system properties
 * {@link RunContext} reads, and ends it with the suite.
 *
 * <pre>{@code
 * Run run = new Run(root, InventoryParser.parse(devices), out);
 * testng.addListener(run.binder());
 * try { testng.run(); } finally { run.close(); }
 * int exit = run.recorder().exitCode();
 * }</pre>
 */
public final class Run implements AutoCloseable {
  static final String ATTRIBUTE = "phonehome.run";

  private final Path root;
  private final Inventory inventory;
  private final Path runDir;
  private final RunRecorder recorder = new RunRecorder();
  private final FirmwareDiffs firmwareDiffs = new FirmwareDiffs();
  /** Whether the suite that made it ends it (a run made from system properties). */
  private final boolean ownedBySuite;
  private final Interruption.Registration atExit;
  private final Interruption.Registration onInterrupt;
  /** Read without the lock by the shutdown thread, which must not wait for provisioning. */
  private volatile LabSession lab;
  private boolean closed;

  /**
   * A run of the lab {@code inventory} writing into {@code runDir}; {@code root} is the
   * project (where {@code .phonehome/} keeps installed tools).
   */
  public Run(Path root, Inventory inventory, Path runDir) {
    this(root, inventory, runDir, false);
  }

  private Run(Path root, Inventory inventory, Path runDir, boolean ownedBySuite) {
    this.root = root.toAbsolutePath().normalize();
    this.inventory = inventory;
    this.runDir = runDir.toAbsolutePath().normalize();
    this.ownedBySuite = ownedBySuite;
    Progress.logTo(this.runDir);
    this.atExit = Interruption.atExit(this::close);
    this.onInterrupt = Interruption.onInterrupt(() -> {
      LabSession started = lab;
      if (started != null) {
        started.interrupted();
      }
    });
  }

  /** The run of {@code -Dphonehome.devices} and {@code -Dphonehome.run.dir}; a bad devices file fails with file and line. */
  static Run fromSystemProperties() {
    Inventory inventory;
    try {
      inventory = InventoryParser.parse(RunContext.devicesFile());
    } catch (InventoryException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return new Run(RunContext.root(), inventory, RunContext.runDir(), true);
  }

  /** The run a suite belongs to; made from the system properties if it was given none. */
  static Run of(ISuite suite) {
    synchronized (suite) {
      Object run = suite.getAttribute(ATTRIBUTE);
      if (run == null) {
        run = fromSystemProperties();
        suite.setAttribute(ATTRIBUTE, run);
      }
      return (Run) run;
    }
  }

  /** The run of the test under way on this thread. */
  static Run current() {
    ITestResult test = Reporter.getCurrentTestResult();
    if (test == null) {
      throw new IllegalStateException("no phonehome test is under way on this thread");
    }
    return of(test.getTestContext().getSuite());
  }

  /** The run of a suite that has a run, without making one. */
  static Optional<Run> ofStarted(ISuite suite) {
    synchronized (suite) {
      return Optional.ofNullable((Run) suite.getAttribute(ATTRIBUTE));
    }
  }

  /** Gives each suite TestNG starts this run; add it with {@code TestNG.addListener}. */
  public ISuiteListener binder() {
    return new ISuiteListener() {
      @Override
      public void onStart(ISuite suite) {
        synchronized (suite) {
          suite.setAttribute(ATTRIBUTE, Run.this);
        }
      }
    };
  }

  /** The lab's session, started (adb server first) on first use; refused once the run has ended. */
  public synchronized LabSession lab() {
    if (closed) {
      throw new IllegalStateException("the run in " + runDir + " has ended");
    }
    if (lab == null) {
      LabSession session = new LabSession(inventory, runDir, root, recorder);
      session.start();
      lab = session;
    }
    return lab;
  }

  /** The lab's session if a test started it. */
  Optional<LabSession> labIfStarted() {
    return Optional.ofNullable(lab);
  }

  public Inventory inventory() {
    return inventory;
  }

  public Path runDir() {
    return runDir;
  }

  public Path root() {
    return root;
  }

  public RunRecorder recorder() {
    return recorder;
  }

  public FirmwareDiffs firmwareDiffs() {
    return firmwareDiffs;
  }

  boolean ownedBySuite() {
    return ownedBySuite;
  }

  /** Takes the lab down (the devices in reverse order, then its own parts); safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    onInterrupt.close();
    atExit.close();
    if (lab != null) {
      lab.close();
    }
  }
}
