# syntax=docker/dockerfile:1
#
# easemob-graphql in one image: the GraphQL gateway (default command, dist/main.js) and, with
# `node dist/emulator/main.js` as the command, the standalone Easemob emulator with demo data.
#
#   docker build -t easemob-graphql .
#   docker compose up --build        # two gateways, Redis and the emulator: see compose.yaml
#
# Stages: deps (every dependency, for the build) → build (tsc → dist/) → prod-deps (production
# dependencies only) → runtime (prod-deps' node_modules + dist, as the unprivileged `node` user).

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# HOST: listen on every interface of the container, not only its loopback (the app's default).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# Owned by root and read-only for the process: the app writes nothing to its own files.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
# Liveness: /healthz answers 200 while the process serves requests (readiness is /readyz).
# Node's own fetch, since slim images have no curl or wget.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 handles SIGTERM itself (src/main.ts drains requests, then exits).
CMD ["node", "dist/main.js"]
