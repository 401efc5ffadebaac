# The command-side application, built from this repository (the build context is its root:
# docker build -f docker/command-side.Dockerfile .). The compose file builds it for you.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw --batch-mode --no-transfer-progress -DskipTests -pl command-side -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app planning
WORKDIR /app
COPY --from=build /src/command-side/target/command-side-exec.jar app.jar
USER planning
EXPOSE 8081
# Heap from the container's memory limit, never from the host's; die rather than limp on after running out.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError" \
    AXONIQ_UPDATE_CHECKER_DISABLED=true
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8081/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
