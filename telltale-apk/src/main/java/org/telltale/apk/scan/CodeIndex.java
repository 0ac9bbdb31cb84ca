package org.telltale.apk.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeMethod;
import org.telltale.apk.code.MethodRef;

/**
 * An app's classes by name, and which classes each one names: the graph that says whether tracking
 * code is only present, named by the app's own code, or reachable from what the system starts.
 *
 * <p>The graph is per class, not per method: a class points to every class its methods call or name
 * (new-instance, const-class, casts, field owners), to its superclass and to its interfaces. Per class
 * it over-approximates (one reachable method makes the whole class's references count), which is the
 * side to err on for "could this run"; the chain it prints lets a person check. The first definition
 * of a name wins, as on Android, where the first DEX file that defines a class is the one loaded.
 */
public final class CodeIndex {
    private final Map<String, CodeClass> classes = new HashMap<>();

    /** Adds a class unless one of that name is already in. */
    public void add(CodeClass c) {
        classes.putIfAbsent(c.name(), c);
    }

    public int size() {
        return classes.size();
    }

    public CodeClass get(String name) {
        return classes.get(name);
    }

    public Collection<CodeClass> all() {
        return classes.values();
    }

    /** The classes a class names, in a stable order, itself excluded, only those the app defines. */
    public Set<String> references(CodeClass c) {
        Set<String> out = new LinkedHashSet<>();
        if (c.superName() != null) {
            out.add(c.superName());
        }
        out.addAll(c.interfaces());
        for (CodeMethod m : c.methods()) {
            for (MethodRef call : m.calls()) {
                out.add(call.owner());
            }
            out.addAll(m.classRefs());
        }
        out.remove(c.name());
        out.removeIf(name -> !classes.containsKey(name));
        return out;
    }

    /**
     * Every class reachable from the roots by references, each with the class it was first reached
     * from (null for a root): breadth-first, so the chain back to a root is a shortest one.
     */
    public Map<String, String> reachableFrom(Collection<String> roots) {
        Map<String, String> parent = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        for (String root : roots) {
            if (classes.containsKey(root) && !parent.containsKey(root)) {
                parent.put(root, null);
                queue.add(root);
            }
        }
        while (!queue.isEmpty()) {
            String name = queue.poll();
            for (String next : references(classes.get(name))) {
                if (!parent.containsKey(next)) {
                    parent.put(next, name);
                    queue.add(next);
                }
            }
        }
        return parent;
    }

    /** The chain of classes from a root to a reached class, root first. */
    public static List<String> chain(Map<String, String> parents, String reached) {
        ArrayDeque<String> chain = new ArrayDeque<>();
        for (String at = reached; at != null && chain.size() <= parents.size(); at = parents.get(at)) {
            chain.addFirst(at);
        }
        return new ArrayList<>(chain);
    }
}
