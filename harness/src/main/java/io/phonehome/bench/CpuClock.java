package io.phonehome.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU this JVM spends over a stretch of a benchmark, all threads together, and how much
 * of it the JIT compiler took: on a short run, compiling the hot code is a good part of
 * the work, and a figure per MB should say so.
 */
final class CpuClock {
  private final long processNanos;
  private final long compilerMillis;

  /** CPU seconds of the whole process, and of the JIT compiler among them; -1 where the JVM does not tell. */
  record Spent(double processSeconds, double compilerSeconds) {}

  private CpuClock(long processNanos, long compilerMillis) {
    this.processNanos = processNanos;
    this.compilerMillis = compilerMillis;
  }

  static CpuClock start() {
    return new CpuClock(processNanos(), compilerMillis());
  }

  Spent stop() {
    long process = processNanos();
    long compiler = compilerMillis();
    return new Spent(process < 0 ? -1 : (process - processNanos) / 1e9,
        compiler < 0 ? -1 : (compiler - compilerMillis) / 1e3);
  }

  private static long processNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  private static long compilerMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
  }
}
