package org.telltale.api.scan;

import java.util.List;

/**
 * The facts an app's manifest states about it.
 *
 * @param packageName  its package name; null when no manifest was read
 * @param versionName  the version people see, or null
 * @param versionCode  the version number, or 0
 * @param minSdk       the oldest Android API level it runs on, or 0
 * @param targetSdk    the API level it targets, or 0
 * @param permissions  the permissions it asks for, in manifest order
 * @param components   its activities, services, receivers and providers, with the application class first
 */
public record AppIdentity(String packageName, String versionName, long versionCode, int minSdk, int targetSdk,
                          List<String> permissions, List<Component> components) {
    public static final AppIdentity NONE = new AppIdentity(null, null, 0, 0, 0, List.of(), List.of());

    public AppIdentity {
        permissions = List.copyOf(permissions);
        components = List.copyOf(components);
    }

    /**
     * An entry point the system starts.
     *
     * @param kind     application, activity, activity-alias, service, receiver or provider
     * @param name     its class, dotted
     * @param exported whether other apps may start it; null when the manifest does not say
     */
    public record Component(String kind, String name, Boolean exported) {
    }
}
