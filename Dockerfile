# One image for every role: APP_ROLE (or the first argument) chooses web, worker or all.
# Build: docker build -t school-journal .   Compose: see compose.yml and README "Deployment with compose".

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Production dependencies only: no TypeScript, vitest or pino-pretty (logs stay JSON lines).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 LOG_FORMAT=json ARCHIVE_DIR=/app/archive
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY migrations ./migrations
COPY --from=build /app/dist ./dist
# The image's files stay root's; the process may write only its archive directory.
RUN mkdir -p /app/archive && chown node:node /app/archive
USER node
EXPOSE 3000
# npm passes SIGTERM on to node, which stops taking work and finishes what is in flight.
CMD ["npm", "run", "--silent", "start:prod"]
