package org.telltale.apk.code;

/**
 * A method named by code: the class that declares (or inherits) it, its name and descriptor.
 *
 * @param owner      the class named in the reference, dotted
 * @param name       the method's name
 * @param descriptor its descriptor, {@code (I)Ljava/lang/String;}
 */
public record MethodRef(String owner, String name, String descriptor) {
    @Override
    public String toString() {
        return owner + "." + name + descriptor;
    }
}
