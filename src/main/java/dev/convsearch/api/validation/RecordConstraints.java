package dev.convsearch.api.validation;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Checks a request record against the Bean Validation constraints declared on its components and on the elements of
 * its list components. The annotations stay the one statement of each rule (the OpenAPI document reads them too); this
 * class evaluates the few this API uses: {@link NotNull}, {@link Size}, {@link PositiveOrZero}, {@link DecimalMax},
 * {@link Future}, and ours, whose {@link Constraint#validatedBy()} validator it runs. Hibernate Validator did this
 * before, and building its factory cost about 80 ms of every start (BENCHMARKS.md).
 */
public final class RecordConstraints {

    private static final Set<Class<? extends Annotation>> BUILT_IN = Set.of(NotNull.class, Size.class,
            PositiveOrZero.class, DecimalMax.class, Future.class);

    /** A broken rule: the component, the element's index (for a list element, else null), the rule and the value. */
    public record Violation(String component, Integer index, Annotation constraint, Object invalidValue) {
    }

    private static final ClassValue<List<ComponentRules>> RULES = new ClassValue<>() {
        @Override
        protected List<ComponentRules> computeValue(Class<?> type) {
            return rulesOf(type);
        }
    };

    private RecordConstraints() {
    }

    /** Every rule {@code record} breaks, in the order of its components (and of the elements of a list). */
    public static List<Violation> check(Record record) {
        List<Violation> violations = new ArrayList<>();
        for (ComponentRules component : RULES.get(record.getClass())) {
            Object value = component.valueIn(record);
            for (Rule rule : component.onValue()) {
                if (!rule.holdsFor(value)) {
                    violations.add(new Violation(component.name(), null, rule.constraint(), value));
                }
            }
            if (value instanceof List<?> elements && !component.onElements().isEmpty()) {
                for (int i = 0; i < elements.size(); i++) {
                    for (Rule rule : component.onElements()) {
                        if (!rule.holdsFor(elements.get(i))) {
                            violations.add(new Violation(component.name(), i, rule.constraint(), elements.get(i)));
                        }
                    }
                }
            }
        }
        return violations;
    }

    /**
     * The rules of {@code type}'s components; fails on a constraint this class cannot evaluate, so that a new one is
     * noticed by the first test that checks the record, not skipped.
     */
    static List<ComponentRules> rulesOf(Class<?> type) {
        List<ComponentRules> rules = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Field field;
            try {
                field = type.getDeclaredField(component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
            List<Rule> onElements = List.of();
            AnnotatedType annotated = field.getAnnotatedType();
            if (annotated instanceof AnnotatedParameterizedType parameterized) {
                onElements = rulesIn(parameterized.getAnnotatedActualTypeArguments()[0].getAnnotations());
            }
            List<Rule> onValue = rulesIn(field.getAnnotations());
            if (!onValue.isEmpty() || !onElements.isEmpty()) {
                rules.add(new ComponentRules(component.getName(), component.getAccessor(), onValue, onElements));
            }
        }
        return List.copyOf(rules);
    }

    private static List<Rule> rulesIn(Annotation[] annotations) {
        return Arrays.stream(annotations)
                .filter(annotation -> annotation.annotationType().isAnnotationPresent(Constraint.class))
                .map(Rule::of)
                .toList();
    }

    record ComponentRules(String name, Method accessor, List<Rule> onValue, List<Rule> onElements) {

        Object valueIn(Record record) {
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One constraint and how to evaluate it; null is valid except for {@link NotNull}, as in Bean Validation. */
    record Rule(Annotation constraint, ConstraintValidator<Annotation, Object> validator) {

        @SuppressWarnings("unchecked")
        static Rule of(Annotation constraint) {
            if (BUILT_IN.contains(constraint.annotationType())) {
                return new Rule(constraint, null);
            }
            Class<?>[] validatedBy = constraint.annotationType().getAnnotation(Constraint.class).validatedBy();
            if (validatedBy.length != 1) {
                throw new IllegalStateException("unsupported constraint " + constraint);
            }
            try {
                var validator = (ConstraintValidator<Annotation, Object>) validatedBy[0].getDeclaredConstructor()
                        .newInstance();
                validator.initialize(constraint);
                return new Rule(constraint, validator);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create the validator of " + constraint, e);
            }
        }

        boolean holdsFor(Object value) {
            if (value == null) {
                return !(constraint instanceof NotNull);
            }
            if (validator != null) {
                return validator.isValid(value, null);
            }
            if (constraint instanceof Size size) {
                int length = value instanceof Collection<?> collection ? collection.size()
                        : ((CharSequence) value).length();
                return length >= size.min() && length <= size.max();
            }
            if (constraint instanceof PositiveOrZero) {
                return ((Number) value).doubleValue() >= 0;
            }
            if (constraint instanceof DecimalMax max) {
                double number = ((Number) value).doubleValue();
                double bound = Double.parseDouble(max.value());
                return max.inclusive() ? number <= bound : number < bound;
            }
            if (constraint instanceof Future) {
                return ((Instant) value).isAfter(Instant.now());
            }
            return true; // NotNull, and the value is there
        }
    }
}
