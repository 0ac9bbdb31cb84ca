package org.telltale.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The job's command line: {@code INPUT... --out DIR [--canaries FILE] [--again] [--no-attribution]
 * [--partition-mb N]}, the options of {@code telltale batch} that make sense on a cluster.
 *
 * @param inputs         capture files or folders (paths or URIs: file:, hdfs:, s3a:)
 * @param out            where the tables go (and are read from, to skip what was analysed)
 * @param canaries       the canary file for captures without their own, or null
 * @param again          analyse every capture, also those analysed before
 * @param attribution    whether destinations are attributed
 * @param partitionBytes about how many bytes of captures one task reads
 */
record JobOptions(List<String> inputs, String out, String canaries, boolean again, boolean attribution,
                  long partitionBytes) {
    static final String USAGE = "usage: spark-submit telltale-spark-job.jar INPUT... --out DIR [--canaries FILE] "
            + "[--again] [--no-attribution] [--partition-mb N]";

    /** The options, or an IllegalArgumentException whose message is one line for the user. */
    static JobOptions parse(String... args) {
        List<String> inputs = new ArrayList<>();
        String out = null;
        String canaries = null;
        boolean again = false;
        boolean attribution = true;
        long partitionMb = 64;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = value(args, ++i, a);
                case "--canaries" -> canaries = value(args, ++i, a);
                case "--again" -> again = true;
                case "--no-attribution" -> attribution = false;
                case "--partition-mb" -> {
                    try {
                        partitionMb = Long.parseLong(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--partition-mb takes a number of MB, not '" + args[i] + "'");
                    }
                    if (partitionMb < 1) {
                        throw new IllegalArgumentException("--partition-mb must be at least 1");
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
                    }
                    inputs.add(a);
                }
            }
        }
        if (inputs.isEmpty() || out == null) {
            throw new IllegalArgumentException(USAGE);
        }
        return new JobOptions(List.copyOf(inputs), out, canaries, again, attribution, partitionMb << 20);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }
}
