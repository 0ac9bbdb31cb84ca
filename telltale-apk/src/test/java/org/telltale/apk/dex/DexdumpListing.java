package org.telltale.apk.dex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Debian's {@code dexdump -d} (AOSP's ART dexdump) says a DEX file holds, parsed from its plain
 * listing: each class's descriptor, access flags, superclass, interfaces and static String values,
 * and each method's name, type, access flags and disassembly. The listing is read as ISO-8859-1 so
 * that its strings, which dexdump prints as the file's raw Modified UTF-8 (code strings as they are,
 * static values with backslash escapes), compare byte for byte.
 * Written independently of the reader under test: descriptors are turned into dotted names here.
 */
final class DexdumpListing {
    /** One class as dexdump lists it. */
    record DumpClass(String descriptor, int access, String superclass, List<String> interfaces,
                     List<String> staticStrings, List<DumpMethod> methods) {
    }

    /** One method: its instructions are the disassembly lines after the code-unit address. */
    record DumpMethod(String name, String type, int access, List<String> instructions) {
        /** Instructions proper: payloads (switch tables, array data) are data dexdump lists among them. */
        long instructionCount() {
            return instructions.stream().filter(i -> !isPayload(i)).count();
        }

        /** Every method an invoke names, "Lowner;.name:(...)R" turned into dotted owner, name and descriptor, once each. */
        List<String> calls() {
            Set<String> out = new LinkedHashSet<>();
            for (String insn : instructions) {
                if (insn.startsWith("invoke-") && !insn.startsWith("invoke-custom")) {
                    String ref = operand(insn, " // method@");
                    int proto = ref.indexOf(", (");
                    if (proto >= 0) {
                        ref = ref.substring(0, proto); // invoke-polymorphic also names the call site's proto
                    }
                    int colon = ref.indexOf(':');
                    int dot = ref.lastIndexOf('.', colon);
                    out.add(dotted(ref.substring(0, dot)) + "." + ref.substring(dot + 1, colon) + ref.substring(colon + 1));
                }
            }
            return List.copyOf(out);
        }

        /** The classes named by type instructions (array types by their element class) and field owners, once each. */
        List<String> classRefs() {
            Set<String> out = new LinkedHashSet<>();
            for (String insn : instructions) {
                String op = insn.substring(0, insn.indexOf(' ') < 0 ? insn.length() : insn.indexOf(' '));
                if (TYPE_OPS.contains(op)) {
                    String type = operand(insn, " // type@").replaceFirst("^\\[+", "");
                    if (type.startsWith("L")) {
                        out.add(dotted(type));
                    }
                } else if (op.matches("[is](get|put)(-.*)?")) {
                    String ref = operand(insn, " // field@");
                    out.add(dotted(ref.substring(0, ref.lastIndexOf('.', ref.indexOf(':')))));
                }
            }
            return List.copyOf(out);
        }

        /** The constants const-string and const-string/jumbo load, as raw bytes in ISO-8859-1, once each. */
        List<String> strings() {
            Set<String> out = new LinkedHashSet<>();
            for (String insn : instructions) {
                if (insn.startsWith("const-string")) {
                    int open = insn.indexOf(", \"");
                    int close = insn.lastIndexOf("\" // string@");
                    out.add(insn.substring(open + 3, close));
                }
            }
            return List.copyOf(out);
        }

        /** Whether dexdump shows an instruction whose references it does not spell out (call sites, method handles). */
        boolean namesCallSitesOrHandles() {
            return instructions.stream().anyMatch(i -> i.startsWith("invoke-custom") || i.startsWith("const-method-handle"));
        }
    }

    private static final Set<String> TYPE_OPS = Set.of("new-instance", "const-class", "check-cast", "instance-of",
            "new-array", "filled-new-array", "filled-new-array/range");
    private static final Pattern INSTRUCTION = Pattern.compile("^[0-9a-f]{6}: [0-9a-f .]*\\|([0-9a-f]{4}): (.*)$", Pattern.DOTALL);
    private static final Pattern CODE_START = Pattern.compile("^[0-9a-f]{6}: +\\|\\[[0-9a-f]{6}\\] .*$", Pattern.DOTALL);

    private DexdumpListing() {
    }

    /** Runs {@code dexdump -d} on the file and parses what it prints. */
    static List<DumpClass> dump(Path dex) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dexdump", ".txt");
        try {
            Process p = new ProcessBuilder("dexdump", "-d", dex.toString())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("dexdump failed on " + dex);
            }
            return parse(new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static List<DumpClass> parse(String listing) {
        List<DumpClass> classes = new ArrayList<>();
        ClassBuilder c = null;
        MethodBuilder m = null;
        String section = "";
        boolean inCode = false;
        String[] lines = listing.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("Class #")) {
                if (c != null) {
                    classes.add(c.build());
                }
                c = new ClassBuilder();
                m = null;
                section = "";
                inCode = false;
            } else if (c == null) {
                continue;
            } else if (inCode) {
                Matcher insn = INSTRUCTION.matcher(line);
                if (line.startsWith("      catches       :")) {
                    inCode = false;
                } else if (insn.matches()) {
                    m.instructions.add(insn.group(2));
                } else if (!CODE_START.matcher(line).matches() && !m.instructions.isEmpty()) {
                    // a string constant with a line break goes on over several lines
                    int last = m.instructions.size() - 1;
                    m.instructions.set(last, m.instructions.get(last) + "\n" + line);
                }
            } else if (line.startsWith("  Class descriptor  : ")) {
                c.descriptor = quoted(line);
            } else if (line.startsWith("  Access flags      : ")) {
                c.access = hex(line);
            } else if (line.startsWith("  Superclass        : ")) {
                c.superclass = quoted(line);
            } else if (line.startsWith("  Interfaces        -")) {
                section = "interfaces";
            } else if (line.startsWith("  Static fields     -")) {
                section = "static";
            } else if (line.startsWith("  Instance fields   -")) {
                section = "instance";
            } else if (line.startsWith("  Direct methods    -") || line.startsWith("  Virtual methods   -")) {
                section = "methods";
            } else if (line.startsWith("    #") && section.equals("interfaces")) {
                c.interfaces.add(quoted(line));
            } else if (line.startsWith("    #") && section.equals("methods")) {
                m = new MethodBuilder();
                c.methods.add(m);
            } else if (line.startsWith("      value         : \"") && section.equals("static")) {
                c.staticStrings.add(unescape(line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'))));
            } else if (m != null && section.equals("methods")) {
                if (line.startsWith("      name          : ")) {
                    m.name = quoted(line);
                } else if (line.startsWith("      type          : ")) {
                    m.type = quoted(line);
                } else if (line.startsWith("      access        : ")) {
                    m.access = hex(line);
                } else if (line.startsWith("      insns size    : ")) {
                    inCode = true;
                }
            }
        }
        if (c != null) {
            classes.add(c.build());
        }
        return classes;
    }

    /** A descriptor in dotted form, written here rather than taken from the reader under test. */
    static String dotted(String descriptor) {
        int dims = 0;
        while (descriptor.charAt(dims) == '[') {
            dims++;
        }
        String element = descriptor.substring(dims);
        String name = switch (element) {
            case "V" -> "void";
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "S" -> "short";
            case "C" -> "char";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> element.substring(1, element.length() - 1).replace('/', '.');
        };
        return name + "[]".repeat(dims);
    }

    /** Static values are printed escaped (backslash, quote, tab, line feed, carriage return); code strings are not. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isPayload(String instruction) {
        return instruction.startsWith("packed-switch-data") || instruction.startsWith("sparse-switch-data")
                || instruction.startsWith("array-data");
    }

    /** The operand before the trailing comment: "iget v0, v1, Lx;.f:I // field@0003" gives "Lx;.f:I". */
    private static String operand(String insn, String comment) {
        String s = insn.substring(0, insn.lastIndexOf(comment));
        int brace = s.indexOf("}, ");
        return brace >= 0 ? s.substring(brace + 3) : s.substring(s.lastIndexOf(", ") + 2);
    }

    private static String quoted(String line) {
        return line.substring(line.indexOf('\'') + 1, line.lastIndexOf('\''));
    }

    private static int hex(String line) {
        Matcher m = Pattern.compile("0x([0-9a-f]+)").matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("no flags in " + line);
        }
        return Integer.parseUnsignedInt(m.group(1), 16);
    }

    private static final class ClassBuilder {
        String descriptor;
        int access;
        String superclass;
        final List<String> interfaces = new ArrayList<>();
        final List<String> staticStrings = new ArrayList<>();
        final List<MethodBuilder> methods = new ArrayList<>();

        DumpClass build() {
            return new DumpClass(descriptor, access, superclass, interfaces, staticStrings,
                    methods.stream().map(MethodBuilder::build).toList());
        }
    }

    private static final class MethodBuilder {
        String name;
        String type;
        int access;
        final List<String> instructions = new ArrayList<>();

        DumpMethod build() {
            return new DumpMethod(name, type, access, instructions);
        }
    }
}
