package io.github.distributedcounter.autoconfigure.aop;

import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.distributedcounter.DistributedCounterException;
import io.github.distributedcounter.EveryNCalls;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.scheduling.annotation.Async;
import org.springframework.util.ClassUtils;

/**
 * Runs an {@link EveryNCalls} method on every n-th call and skips it otherwise. Each method's settings and key
 * expression are checked and compiled once, when its bean is created. {@link Turns} counts each call; methods
 * returning a {@link CompletionStage}, {@code Mono} or {@code Flux} are counted without blocking and composed
 * with the count.
 */
final class EveryNCallsInterceptor implements MethodInterceptor {

    private static final Map<Class<?>, Object> PRIMITIVE_ZEROS = Map.of(boolean.class, false, byte.class, (byte) 0,
            short.class, (short) 0, char.class, (char) 0, int.class, 0, long.class, 0L, float.class, 0f,
            double.class, 0d);

    private final Turns turns;
    private final ExpressionParser parser = new SpelExpressionParser();
    private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();
    private final Map<Method, Plan> plans = new ConcurrentHashMap<>();
    private final KeyConversion keyConversion = new KeyConversion(this::conversionService);
    private volatile BeanFactory beanFactory;
    private volatile BeanFactoryResolver beanResolver;

    EveryNCallsInterceptor(Turns turns) {
        this.turns = turns;
    }

    Turns turns() {
        return turns;
    }

    /**
     * The bean factory of the application: key expressions refer to its beans with {@code @beanName}, and its
     * {@link ConversionService} (when it has one) converts key values of other types to strings.
     */
    void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
        this.beanResolver = beanFactory == null ? null : new BeanFactoryResolver(beanFactory);
    }

    private ConversionService conversionService() {
        if (beanFactory instanceof ConfigurableBeanFactory configurable
                && configurable.getConversionService() != null) {
            return configurable.getConversionService();
        }
        return DefaultConversionService.getSharedInstance();
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Class<?> targetClass = invocation.getThis() == null ? null : AopUtils.getTargetClass(invocation.getThis());
        Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
        Plan plan = plans.computeIfAbsent(method, this::plan);
        if (plan == null) {
            return invocation.proceed();
        }
        String key = plan.key(method, invocation.getArguments());
        return switch (plan.returns) {
            case STAGE -> turns.decide(plan.annotation, key, plan::propagated).thenCompose(turn -> switch (turn) {
                case SKIP -> CompletableFuture.completedFuture(null);
                case RUN -> proceedToStage(invocation);
                case CLAIMED -> proceedToStage(invocation).handle((value, failure) -> failure == null
                        ? CompletableFuture.completedFuture(value)
                        : turns.release(key).thenCompose(released -> CompletableFuture.failedFuture(failure)))
                        .thenCompose(Function.identity());
            });
            case MONO -> ReactiveReturns.mono(() -> turns.decide(plan.annotation, key, plan::propagated), () -> proceed(invocation),
                    () -> turns.release(key));
            case FLUX -> ReactiveReturns.flux(() -> turns.decide(plan.annotation, key, plan::propagated), () -> proceed(invocation),
                    () -> turns.release(key));
            case VALUE -> proceedAfterCount(plan, key, invocation);
        };
    }

    private Object proceedAfterCount(Plan plan, String key, MethodInvocation invocation) throws Throwable {
        Turns.Turn turn;
        try {
            turn = turns.decide(plan.annotation, key, plan::propagated).join();
        } catch (CompletionException e) {
            throw CounterCircuit.unwrap(e);
        }
        if (turn == Turns.Turn.SKIP) {
            return plan.skippedResult.get();
        }
        try {
            return invocation.proceed();
        } catch (Throwable failure) {
            if (turn == Turns.Turn.CLAIMED) {
                turns.release(key).join();
            }
            throw failure;
        }
    }

    private static Object proceed(MethodInvocation invocation) {
        try {
            return invocation.proceed();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    private static CompletionStage<Object> proceedToStage(MethodInvocation invocation) {
        try {
            @SuppressWarnings("unchecked")
            CompletionStage<Object> stage = (CompletionStage<Object>) invocation.proceed();
            return stage == null ? CompletableFuture.completedFuture(null) : stage;
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Checks and compiles every {@link EveryNCalls} method of {@code type}.
     *
     * @return whether {@code type} has any
     * @throws IllegalStateException naming the method if {@code n} is below 1 or the key expression is invalid
     */
    boolean register(Class<?> type) {
        boolean any = false;
        for (Method method : ClassUtils.getUserClass(type).getMethods()) {
            Method specific = AopUtils.getMostSpecificMethod(method, type);
            any |= plans.computeIfAbsent(specific, this::plan) != null;
        }
        return any;
    }

    private Plan plan(Method method) {
        EveryNCalls annotation = AnnotatedElementUtils.findMergedAnnotation(method, EveryNCalls.class);
        if (annotation == null) {
            return null;
        }
        String where = "@EveryNCalls on " + method.toGenericString();
        if (annotation.n() < 1) {
            throw new IllegalStateException(where + ": n must be at least 1, was " + annotation.n());
        }
        Expression key = null;
        if (!annotation.key().isEmpty()) {
            try {
                key = parser.parseExpression(annotation.key());
            } catch (ParseException e) {
                throw new IllegalStateException(where + ": invalid key expression '" + annotation.key() + "': "
                        + e.getMessage(), e);
            }
            checkParameterNames(method, annotation.key(), key, where);
        }
        return new Plan(annotation, key, defaultKey(method), Returns.of(method), skippedResult(method.getReturnType()),
                where);
    }

    /**
     * Fails when the key names a parameter ({@code #tenant}) but the names cannot be discovered, as for a class
     * compiled without {@code -parameters}: the name would evaluate to {@code null} on every call.
     */
    private void checkParameterNames(Method method, String text, Expression key, String where) {
        if (method.getParameterCount() == 0 || parameterNames.getParameterNames(method) != null
                || !(key instanceof SpelExpression spel)) {
            return;
        }
        Set<String> named = new LinkedHashSet<>();
        collectParameterNames(spel.getAST(), named);
        if (!named.isEmpty()) {
            throw new IllegalStateException(where + ": the key expression '" + text + "' refers to "
                    + String.join(", ", named) + ", but the parameter names of this method are not available at"
                    + " run time (its class was compiled without -parameters). Compile with -parameters (Maven:"
                    + " <parameters>true</parameters> in maven-compiler-plugin; Gradle:"
                    + " options.compilerArgs.add('-parameters')), or refer to parameters by position:"
                    + " #p0 or #a0 for the first.");
        }
    }

    private static void collectParameterNames(SpelNode node, Set<String> named) {
        if (node instanceof VariableReference) {
            String variable = node.toStringAST();
            if (!variable.matches("#(?:[pa]\\d+|this|root)")) {
                named.add(variable);
            }
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collectParameterNames(node.getChild(i), named);
        }
    }

    /**
     * {@code every-n-calls:<declaring class>.<method>(<parameter types>)}, every type by its binary name as
     * {@link Class#getTypeName()} writes it ({@code com.example.OrderEvents$Created}, {@code java.lang.String[]},
     * {@code int}; generics erased), so overloads taking types of the same simple name never share a counter.
     */
    static String defaultKey(Method method) {
        StringBuilder key = new StringBuilder("every-n-calls:").append(method.getDeclaringClass().getTypeName())
                .append('.').append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            key.append(i == 0 ? "" : ",").append(types[i].getTypeName());
        }
        return key.append(')').toString();
    }

    /** An empty value of {@code returnType}: a new one per call where the caller could change it. */
    private static Supplier<Object> skippedResult(Class<?> returnType) {
        if (returnType == Optional.class) {
            return Optional::empty;
        }
        if (returnType == CompletableFuture.class || returnType == CompletionStage.class) {
            return () -> CompletableFuture.completedFuture(null);
        }
        Object zero = PRIMITIVE_ZEROS.get(returnType);
        return () -> zero;
    }

    /** How a method returns its result, which decides how its call is counted. */
    private enum Returns {
        /** A {@link CompletableFuture} or {@link CompletionStage}: counted asynchronously and composed. */
        STAGE,
        /** A Reactor {@code Mono}: counted on subscription. */
        MONO,
        /** A Reactor {@code Flux}: counted on subscription. */
        FLUX,
        /** Anything else, and {@code @Async} methods (on their executor's thread): the call waits for its count. */
        VALUE;

        static Returns of(Method method) {
            Class<?> type = method.getReturnType();
            if (AnnotatedElementUtils.hasAnnotation(method, Async.class)
                    || AnnotatedElementUtils.hasAnnotation(method.getDeclaringClass(), Async.class)) {
                return VALUE;
            }
            if (type == CompletableFuture.class || type == CompletionStage.class) {
                return STAGE;
            }
            if (ReactiveReturns.isMono(type)) {
                return MONO;
            }
            return ReactiveReturns.isFlux(type) ? FLUX : VALUE;
        }
    }

    private final class Plan {

        private final EveryNCalls annotation;
        private final Expression key;
        private final String defaultKey;
        private final Returns returns;
        private final Supplier<Object> skippedResult;
        private final String where;

        Plan(EveryNCalls annotation, Expression key, String defaultKey, Returns returns,
                Supplier<Object> skippedResult, String where) {
            this.annotation = annotation;
            this.key = key;
            this.defaultKey = defaultKey;
            this.returns = returns;
            this.skippedResult = skippedResult;
            this.where = where;
        }

        /** What a {@code PROPAGATE} call throws for {@code failure}. */
        RuntimeException propagated(Throwable failure) {
            if (failure instanceof TimeoutException) {
                return new DistributedCounterException(where + ": the distributed counter gave no answer within "
                        + turns.circuit().detectionTimeout(), failure);
            }
            if (failure instanceof CounterCircuit.Unavailable unavailable) {
                return new DistributedCounterException(where + ": not counted: " + unavailable.getMessage(),
                        unavailable);
            }
            return failure instanceof RuntimeException runtime ? runtime : new DistributedCounterException(
                    where + ": the distributed counter failed", failure);
        }

        String key(Method method, Object[] arguments) {
            if (key == null) {
                return defaultKey;
            }
            String where = "@EveryNCalls key expression '" + annotation.key() + "' on " + method.toGenericString();
            MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(null, method, arguments,
                    parameterNames);
            context.setTypeConverter(keyConversion.typeConverter());
            context.setBeanResolver(beanResolver);
            try {
                Object value = key.getValue(context);
                if (value == null) {
                    throw new IllegalArgumentException(where + " evaluated to null");
                }
                return keyConversion.toKey(value);
            } catch (KeyConversion.Unconvertible unconvertible) {
                throw new IllegalArgumentException(where + ": " + unconvertible.getMessage());
            }
        }
    }
}
