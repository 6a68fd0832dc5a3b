package dev.convsearch.api.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A text whose length after trimming is {@code min..max}; null is valid (absent). */
@Target({ FIELD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
@Constraint(validatedBy = TrimmedLength.Validator.class)
public @interface TrimmedLength {

    int min() default 0;

    int max() default Integer.MAX_VALUE;

    String message() default "length after trimming out of range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the trimmed length. */
    class Validator implements ConstraintValidator<TrimmedLength, String> {
        private int min;
        private int max;

        @Override
        public void initialize(TrimmedLength constraint) {
            this.min = constraint.min();
            this.max = constraint.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int length = value.strip().length();
            return length >= min && length <= max;
        }
    }
}
