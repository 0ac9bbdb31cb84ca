package org.telltale.testkit.corpus;

/**
 * What one generated flow is, for reading a failure.
 *
 * @param index   the flow index, from 0 in HAR entry order
 * @param scene   what it stands for ("visit url-1", "sdk adjust", "decoy near-miss")
 * @param session the label of the marked session its time falls in, or null
 */
public record FlowInfo(int index, String scene, String session) {
}
