package org.telltale.apk.jvm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.telltale.apk.code.MethodRef;

/**
 * The classes the JDK's {@code javap -v -p} prints, read back from its text: the oracle the class reader is
 * compared with. Only the facts a {@code CodeClass} holds are kept, in the same shape (dotted names, repeats
 * once), so two lists compare with {@code equals}; what javap prints in comments ({@code // Method a/B.c:()V},
 * {@code // String text}) is how each instruction's operand is known.
 */
final class JavapListing {
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s+\\d+: ([a-z][a-z0-9_]*)\\b(.*)$");
    private static final Pattern COMMENT = Pattern.compile("// (\\w+)(?: (.*))?$");
    private static final Pattern BOOTSTRAP = Pattern.compile("^  (\\d+): #\\d+ REF_\\w+ (\\S+)$");
    private static final Pattern HANDLE_ARGUMENT = Pattern.compile("^      #\\d+ REF_(\\w+) (\\S+)$");
    private static final Pattern OTHER_ARGUMENT = Pattern.compile("^      #\\d+ (.*)$");

    record Method(String name, String descriptor, int access, List<MethodRef> calls, List<String> classRefs,
                  List<String> strings, int instructions) {
    }

    record Clazz(String name, String superName, int interfaceCount, int access, List<Method> methods, List<String> constants) {
    }

    private JavapListing() {
    }

    /** Every class in javap's output, by dotted name. */
    static Map<String, Clazz> parse(String text) {
        Map<String, Clazz> classes = new LinkedHashMap<>();
        for (String block : text.split("(?m)^Classfile ")) {
            if (!block.isBlank()) {
                Clazz c = parseClass(block.split("\n"));
                classes.put(c.name(), c);
            }
        }
        return classes;
    }

    private static Clazz parseClass(String[] lines) {
        String name = null;
        String superName = null;
        int interfaces = 0;
        int access = 0;
        Map<Integer, List<Object>> bootstrapArgs = bootstraps(lines);
        List<Method> methods = new ArrayList<>();
        Set<String> constants = new LinkedHashSet<>();
        MethodBuilder current = null;
        boolean inBody = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!inBody) {
                if (line.startsWith("  this_class: ")) {
                    name = dotted(comment(line));
                } else if (line.startsWith("  super_class: ")) {
                    superName = dotted(comment(line));
                } else if (line.startsWith("  interfaces: ")) {
                    interfaces = Integer.parseInt(line.substring(14, line.indexOf(',')));
                } else if (line.startsWith("  flags: (0x")) {
                    access = Integer.parseInt(line.substring(12, 16), 16);
                } else if (line.equals("{")) {
                    inBody = true;
                }
                continue;
            }
            if (line.equals("}")) {
                break;
            }
            if (line.startsWith("    descriptor: ")) {
                if (current != null) {
                    methods.add(current.build());
                    current = null;
                }
                String descriptor = line.substring(16);
                if (descriptor.startsWith("(")) {
                    int flags = Integer.parseInt(lines[i + 1].substring(lines[i + 1].indexOf("(0x") + 3,
                            lines[i + 1].indexOf("(0x") + 7), 16);
                    current = new MethodBuilder(memberName(lines[i - 1], name), descriptor, flags);
                }
            } else if (line.startsWith("    ConstantValue: String")) {
                constants.add(line.length() > 25 ? line.substring(26) : "");
            } else if (current != null) {
                Matcher m = INSTRUCTION.matcher(line);
                if (m.matches()) {
                    current.instruction(m.group(1), m.group(2), name, bootstrapArgs);
                }
            }
        }
        if (current != null) {
            methods.add(current.build());
        }
        return new Clazz(name, superName, interfaces, access, methods, new ArrayList<>(constants));
    }

    /** Each bootstrap method's arguments: method handles as MethodRefs, field handles as owner names, others as text. */
    private static Map<Integer, List<Object>> bootstraps(String[] lines) {
        Map<Integer, List<Object>> out = new LinkedHashMap<>();
        boolean in = false;
        List<Object> args = null;
        for (String line : lines) {
            if (line.equals("BootstrapMethods:")) {
                in = true;
                continue;
            }
            if (!in) {
                continue;
            }
            Matcher b = BOOTSTRAP.matcher(line);
            Matcher h = HANDLE_ARGUMENT.matcher(line);
            Matcher o = OTHER_ARGUMENT.matcher(line);
            if (b.matches()) {
                args = new ArrayList<>();
                args.add(b.group(2));
                out.put(Integer.valueOf(b.group(1)), args);
            } else if (args != null && h.matches()) {
                args.add(h.group(1).startsWith("invoke") || h.group(1).startsWith("newInvoke") ? ref(h.group(2), null)
                        : new FieldOwner(dotted(ownerOf(h.group(2)))));
            } else if (args != null && o.matches()) {
                args.add(o.group(1));
            } else if (!line.startsWith(" ")) {
                in = false;
            }
        }
        return out;
    }

    private record FieldOwner(String owner) {
    }

    private static String memberName(String declaration, String className) {
        String d = declaration.strip();
        if (d.equals("static {};")) {
            return "<clinit>";
        }
        String head = d.substring(0, d.indexOf('('));
        String token = head.substring(head.lastIndexOf(' ') + 1);
        return token.contains(".") || token.equals(className) ? "<init>" : token;
    }

    /** The text after the instruction's {@code //}. */
    private static String comment(String line) {
        return line.substring(line.indexOf("// ") + 3).strip();
    }

    private static String unquote(String s) {
        return s.replace("\"", "");
    }

    private static String ownerOf(String memberRef) {
        String s = unquote(memberRef);
        return s.substring(0, s.lastIndexOf('.', s.indexOf(':')));
    }

    /** A MethodRef from javap's {@code owner.name:desc}, or {@code name:desc} in the class itself. */
    private static MethodRef ref(String text, String self) {
        String s = unquote(text);
        int colon = s.indexOf(':');
        int dot = s.lastIndexOf('.', colon);
        String owner = dot < 0 ? self : dotted(s.substring(0, dot));
        return new MethodRef(owner, s.substring(dot + 1, colon), s.substring(colon + 1));
    }

    static String dotted(String internal) {
        String s = unquote(internal);
        if (!s.startsWith("[")) {
            return s.replace('/', '.');
        }
        int dims = 0;
        while (s.charAt(dims) == '[') {
            dims++;
        }
        String element = switch (s.charAt(dims)) {
            case 'Z' -> "boolean";
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'S' -> "short";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'F' -> "float";
            case 'D' -> "double";
            default -> s.substring(dims + 1, s.length() - 1).replace('/', '.');
        };
        return element + "[]".repeat(dims);
    }

    /** One method's facts, gathered instruction by instruction. */
    private static final class MethodBuilder {
        private final String name;
        private final String descriptor;
        private final int access;
        private final Set<MethodRef> calls = new LinkedHashSet<>();
        private final Set<String> classRefs = new LinkedHashSet<>();
        private final Set<String> strings = new LinkedHashSet<>();
        private int instructions;

        MethodBuilder(String name, String descriptor, int access) {
            this.name = name;
            this.descriptor = descriptor;
            this.access = access;
        }

        void instruction(String opcode, String rest, String self, Map<Integer, List<Object>> bootstraps) {
            instructions++;
            Matcher c = COMMENT.matcher(rest);
            if (!c.find()) {
                return;
            }
            String kind = c.group(1);
            String operand = c.group(2) == null ? "" : c.group(2);
            switch (kind) {
                case "Method", "InterfaceMethod" -> calls.add(ref(operand, self));
                case "Field" -> classRefs.add(ref(operand, self).owner());
                case "class" -> classRefs.add(dotted(operand));
                case "String" -> strings.add(operand);
                case "InvokeDynamic" -> {
                    int index = Integer.parseInt(operand.substring(1, operand.indexOf(':')));
                    List<Object> args = bootstraps.get(index);
                    boolean concat = ((String) args.get(0)).startsWith("java/lang/invoke/StringConcatFactory.");
                    for (Object arg : args.subList(1, args.size())) {
                        if (arg instanceof MethodRef r) {
                            calls.add(r);
                        } else if (arg instanceof FieldOwner f) {
                            classRefs.add(f.owner());
                        } else if (concat && arg instanceof String recipe) {
                            for (String piece : recipe.split("\\\\u0001|\\\\u0002")) {
                                if (!piece.isEmpty()) {
                                    strings.add(piece.stripTrailing()); // as javap right-trims its lines
                                }
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }

        Method build() {
            return new Method(name, descriptor, access, new ArrayList<>(calls), new ArrayList<>(classRefs),
                    new ArrayList<>(strings), instructions);
        }
    }
}
