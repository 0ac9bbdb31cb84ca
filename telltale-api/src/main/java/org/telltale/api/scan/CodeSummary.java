package org.telltale.api.scan;

/**
 * How much code a scan read.
 *
 * @param dexFiles     DEX files read (each file of a v041 container counts)
 * @param jarClasses   JVM class files read (from JARs and AARs)
 * @param classes      classes read
 * @param methods      methods read
 * @param nativeLibs   native libraries whose strings were read
 */
public record CodeSummary(int dexFiles, int jarClasses, int classes, int methods, int nativeLibs) {
}
