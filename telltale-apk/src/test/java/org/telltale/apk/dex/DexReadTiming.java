package org.telltale.apk.dex;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.code.CodeMethod;

/**
 * Times reading every classes*.dex of an APK, for the benchmark figures (not a test): run as
 * {@code java -Xmx36m -cp ... org.telltale.apk.dex.DexReadTiming APK ROUNDS}. The first round is the
 * cold one a single scan pays; later rounds show the JIT-compiled speed. Prints wall and CPU time per
 * round, the heap the results hold, and the peak heap of the whole run.
 */
public final class DexReadTiming {
    private DexReadTiming() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        List<byte[]> dexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(args[0])) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.getName().matches("classes\\d*\\.dex")) {
                    names.add(e.getName());
                    dexes.add(zip.getInputStream(e).readAllBytes());
                }
            }
        }
        System.out.printf("unzipped %d DEX files (%.1f MB) in %.0f ms%n", dexes.size(),
                dexes.stream().mapToLong(d -> d.length).sum() / 1e6, (System.nanoTime() - start) / 1e6);
        var threads = ManagementFactory.getThreadMXBean();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        for (int r = 0; r < rounds; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            List<List<CodeClass>> results = new ArrayList<>();
            for (int i = 0; i < dexes.size(); i++) {
                results.add(DexReader.read(dexes.get(i), names.get(i), CodeLimits.DEFAULT));
            }
            wall = System.nanoTime() - wall;
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            long classes = 0;
            long methods = 0;
            long instructions = 0;
            for (List<CodeClass> dex : results) {
                for (CodeClass c : dex) {
                    classes++;
                    methods += c.methods().size();
                    instructions += c.methods().stream().mapToLong(CodeMethod::instructions).sum();
                }
            }
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("round %d: %.0f ms wall, %.0f ms CPU; %d classes, %d methods, %d instructions; "
                            + "heap after GC with the DEX bytes and results held: %.1f MB%n", r, wall / 1e6, cpu / 1e6,
                    classes, methods, instructions, (rt.totalMemory() - rt.freeMemory()) / 1e6);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap (sum of the pools' peaks): %.1f MB; max heap %.0f MB%n", peak / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }
}
