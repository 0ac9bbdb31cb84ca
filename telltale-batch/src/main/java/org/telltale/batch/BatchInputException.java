package org.telltale.batch;

/** An input or output of a batch run that cannot be used; the message is one line naming the file. */
public class BatchInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BatchInputException(String message) {
        super(message);
    }
}
