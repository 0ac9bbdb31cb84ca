package org.telltale.apk.manifest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an app's binary {@code AndroidManifest.xml} says about it: who it is, what it asks for, and the
 * classes the system starts (the roots from which its code is reachable).
 *
 * @param packageName         the {@code package} attribute
 * @param versionCode         the version as Android's {@code getLongVersionCode()} gives it: {@code versionCodeMajor}
 *                            in the high 32 bits, {@code versionCode} in the low ones; 0 when neither is said
 * @param versionName         the literal {@code versionName}, or null when absent or a resource reference
 * @param minSdk              {@code uses-sdk minSdkVersion}, or null when absent or a codename ("IceCreamSandwich")
 * @param targetSdk           {@code uses-sdk targetSdkVersion}, or null likewise
 * @param permissions         {@code uses-permission} and {@code uses-permission-sdk-23} names, in order, once each
 * @param applicationClass    the {@code <application android:name>} class, resolved, or null
 * @param appComponentFactory the {@code <application android:appComponentFactory>} class, resolved, or null: the
 *                            system instantiates it before any component, so its code runs too
 * @param components          the activities, aliases, services, receivers, providers and instrumentations
 */
public record AppManifest(String packageName, long versionCode, String versionName, Integer minSdk, Integer targetSdk,
                          List<String> permissions, String applicationClass, String appComponentFactory,
                          List<Component> components) {
    public AppManifest {
        permissions = List.copyOf(permissions);
        components = List.copyOf(components);
    }

    /** The {@code versionCodeMajor} part of {@link #versionCode()} (0 when not said). */
    public int versionCodeMajor() {
        return (int) (versionCode >>> 32);
    }

    /**
     * The classes the system starts, the roots of reachability: the application class, the component
     * factory, every component and every activity-alias's target, each once, in manifest order.
     */
    public List<String> entryPoints() {
        Set<String> roots = new LinkedHashSet<>();
        if (applicationClass != null) {
            roots.add(applicationClass);
        }
        if (appComponentFactory != null) {
            roots.add(appComponentFactory);
        }
        for (Component c : components) {
            if (c.name() != null) {
                roots.add(c.name());
            }
            if (c.targetActivity() != null) {
                roots.add(c.targetActivity());
            }
        }
        return new ArrayList<>(roots);
    }

    /** The kinds of component a manifest declares, by their element name. */
    public enum Kind {
        ACTIVITY("activity"), ACTIVITY_ALIAS("activity-alias"), SERVICE("service"), RECEIVER("receiver"),
        PROVIDER("provider"), INSTRUMENTATION("instrumentation");

        private final String element;

        Kind(String element) {
            this.element = element;
        }

        /** The manifest element that declares this kind. */
        public String element() {
            return element;
        }

        static Kind ofElement(String element) {
            for (Kind k : values()) {
                if (k.element.equals(element)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * One declared component.
     *
     * @param kind           its kind
     * @param name           its class, resolved against the package ({@code .Foo} and {@code Foo} become
     *                       {@code package.Foo}); for an alias, the alias's own name
     * @param exported       {@code android:exported}, or null when not said (or a resource reference)
     * @param enabled        {@code android:enabled}, or null likewise
     * @param targetActivity an activity-alias's {@code android:targetActivity}, resolved; null for other kinds
     */
    public record Component(Kind kind, String name, Boolean exported, Boolean enabled, String targetActivity) {
    }
}
