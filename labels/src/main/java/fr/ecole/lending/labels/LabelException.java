package fr.ecole.lending.labels;

/** A label that cannot be made as asked; {@code parameter} names what to change. */
public class LabelException extends IllegalArgumentException {
    private final String parameter;

    public LabelException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
