package io.acrauditor.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.List;
import javax.management.ObjectName;

/**
 * Heap use of one phase of a benchmark, three ways, because none alone is the whole truth:
 *
 * <ul>
 *   <li>{@code sampledPeak}: the largest heap "used" (all heap pools at one instant) seen by a
 *       thread polling every 5 ms: what the heap really held, give or take a sample;
 *   <li>{@code poolPeakSum}: the sum of each heap pool's own peak since the phase began ({@link
 *       MemoryPoolMXBean#resetPeakUsage()}): an upper bound, since young and old peak at
 *       different moments;
 *   <li>{@code oldAfterGc}: the largest old-generation occupancy measured right after a
 *       collection: close to the live set the phase needed.
 * </ul>
 *
 * Garbage collections (count and time) are counted from the collectors' MXBeans. The sampler
 * also keeps a timeline, so that a phase run elsewhere (the Spring Batch steps of the audit
 * command) can be given its own peak afterwards from its start and end times.
 */
final class HeapMeter {
  private static final int SAMPLE_MILLIS = 5;

  record Stats(long millis, long sampledPeak, long poolPeakSum, long oldAfterGc, long usedAtEnd, long gcCount,
      long gcMillis) {}

  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
  private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
  private final MemoryPoolMXBean oldPool = heapPools.stream()
      .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured")).findFirst().orElse(null);

  private volatile boolean running;
  private Thread sampler;
  private long startNanos;
  private long gcCount0;
  private long gcMillis0;
  private volatile long sampledPeak;
  private volatile long oldAfterGc;
  private long[] timeline = new long[2 * 240_000];
  private int samples;

  static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Collects garbage so that a phase starts from its live set, then resets every peak. */
  synchronized void start() {
    System.gc();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    gcCount0 = collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum();
    gcMillis0 = collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionTime())).sum();
    sampledPeak = used();
    oldAfterGc = 0;
    samples = 0;
    running = true;
    startNanos = System.nanoTime();
    sampler = new Thread(this::sample, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running) {
      try {
        sampleOnce();
      } catch (OutOfMemoryError e) {
        // The measured code ran the heap out; skip this sample rather than end the sampler.
      }
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sampleOnce() {
    {
      long now = System.currentTimeMillis();
      long used = used();
      if (used > sampledPeak) {
        sampledPeak = used;
      }
      if (oldPool != null) {
        MemoryUsage afterGc = oldPool.getCollectionUsage();
        if (afterGc != null && afterGc.getUsed() > oldAfterGc) {
          oldAfterGc = afterGc.getUsed();
        }
      }
      synchronized (this) {
        if (samples * 2 + 2 > timeline.length) {
          timeline = Arrays.copyOf(timeline, timeline.length * 2);
        }
        timeline[samples * 2] = now;
        timeline[samples * 2 + 1] = used;
        samples++;
      }
    }
  }

  /**
   * Not synchronized: the sampler takes this object's lock to record a sample, so waiting for it
   * while holding the lock would deadlock.
   */
  Stats stop() {
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    running = false;
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long poolPeakSum = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    long used = used();
    long gcCount = collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum() - gcCount0;
    long gcMillis = collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionTime())).sum() - gcMillis0;
    return new Stats(millis, Math.max(sampledPeak, used), poolPeakSum, oldAfterGc, used, gcCount, gcMillis);
  }

  /** The largest sampled heap use between two wall-clock instants (epoch millis); -1 if no sample. */
  synchronized long peakBetween(long fromMillis, long toMillis) {
    long peak = -1;
    for (int i = 0; i < samples; i++) {
      long at = timeline[i * 2];
      if (at >= fromMillis && at <= toMillis) {
        peak = Math.max(peak, timeline[i * 2 + 1]);
      }
    }
    return peak;
  }

  static String collectorNames() {
    return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).toList());
  }

  /**
   * The top lines of a class histogram of live objects (what {@code jcmd PID GC.class_histogram}
   * prints), taken in-process through the DiagnosticCommand MBean. It collects garbage first.
   */
  static String classHistogram(int topLines) {
    try {
      String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      String[] lines = text.split("\n");
      StringBuilder out = new StringBuilder();
      // Two header lines, then one line per class, then a Total line.
      for (int i = 0; i < Math.min(lines.length, topLines + 2); i++) {
        out.append(lines[i]).append('\n');
      }
      for (String line : lines) {
        if (line.startsWith("Total")) {
          out.append(line).append('\n');
        }
      }
      return out.toString();
    } catch (Exception e) {
      return "(class histogram unavailable: " + e + ")\n";
    }
  }
}
