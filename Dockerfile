# The app image: `npm start` (the API, inbox and dashboard) and, with another command, the job
# workers (`npm run workers`) and `npm run deploy`. TypeScript runs through tsx, as in development,
# so the image runs exactly the source that was tested.
FROM node:20.19.5-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
# --ignore-scripts: no install script needs to run in production (esbuild, used by tsx, ships its
# binary as a platform package). Dev dependencies stay out: tests and linting do not run here.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

COPY --chown=node:node . .

# The image's own user, not root. It owns /app so that files the app writes at start (built web
# assets) have a place; data lives in PostgreSQL, not in the container.
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/main.ts"]
