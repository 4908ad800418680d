# The hub's image for production mode, built from source in two stages: docker compose build (or docker build .).
# Routes and letter templates are files the office may edit: mount over /app/routes and /app/templates if needed.

# 1. Build the jar with Maven (dependencies cached in their own layer).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
RUN mvn -B -ntp -q -DskipTests package

# 2. Run it on the JRE alone, as an unprivileged user.
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/emulation-hub.jar /app/emulation-hub.jar
COPY routes /app/routes
COPY templates /app/templates
RUN useradd --system --home /app tdkt && mkdir -p /app/data && chown tdkt /app/data
USER tdkt
ENV TDKT_HTTP_HOST=0.0.0.0
EXPOSE 8080
# The health check asks the hub itself over HTTP with bash's /dev/tcp: no second JVM every interval.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# C1 only (-XX:TieredStopAtLevel=1): on 2 cores the C2 compiler competed with the intake for minutes after each
# start; a fixed young generation of 192 MB (-Xmn192m) keeps the peak heap used near 240 MiB (docs/performance.md)
ENTRYPOINT ["java", "-Xmx512m", "-Xmn192m", "-XX:TieredStopAtLevel=1", "-jar", "/app/emulation-hub.jar"]
