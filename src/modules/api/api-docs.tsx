/**
 * OpenAPI for the APIs (@fastify/swagger, built from the routes' TypeBox schemas) at
 * /api/docs/json, and a readable page at /api/docs rendered on the server from the same
 * document: no third-party script, works without JavaScript. Must be registered before
 * the API routes, which swagger collects as they are added.
 */
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { renderToString } from 'preact-render-to-string';

interface OpenApiOperation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string } }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string }>;
}

interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
}

function typeOf(schema: JsonSchema | undefined): string {
  if (!schema) return '';
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  return Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'object');
}

function DocsPage({ spec }: { spec: { info: { title: string; description?: string; version: string }; paths: Record<string, Record<string, OpenApiOperation>> } }) {
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })));
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{spec.info.title}</title>
      </head>
      <body>
        <main>
          <h1>{spec.info.title}</h1>
          {spec.info.description && <p>{spec.info.description}</p>}
          <p>
            Phiên bản {spec.info.version}. Tài liệu máy đọc được (OpenAPI 3): <a href="/api/docs/json">/api/docs/json</a>.
          </p>
          {operations.map(({ path, method, operation }) => {
            const body = operation.requestBody?.content?.['application/json']?.schema;
            return (
              <section>
                <h2>
                  <code>
                    {method} {path}
                  </code>
                </h2>
                {operation.summary && <p>{operation.summary}</p>}
                {operation.parameters && operation.parameters.length > 0 && (
                  <>
                    <h3>Tham số</h3>
                    <ul>
                      {operation.parameters.map((p) => (
                        <li>
                          <code>{p.name}</code> ({p.in}
                          {p.required ? ', bắt buộc' : ''}) {p.schema?.type ?? ''} {p.description ?? ''}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {body?.properties && (
                  <>
                    <h3>Nội dung gửi (JSON)</h3>
                    <ul>
                      {Object.entries(body.properties).map(([name, schema]) => (
                        <li>
                          <code>{name}</code>: {typeOf(schema)}
                          {body.required?.includes(name) ? ' (bắt buộc)' : ''} {schema.description ?? ''}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                <h3>Trả về</h3>
                <ul>
                  {Object.entries(operation.responses ?? {}).map(([status, response]) => (
                    <li>
                      {status} {response.description ?? ''}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </main>
      </body>
    </html>
  );
}

export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'API của Cổng',
        description: 'API quản trị /api/admin/v1: gửi tiêu đề Authorization: Bearer <khoá truy cập> (tạo bằng "npx cong token create --email …" hoặc ở trang Tài khoản). Lỗi có dạng { "error": { "code", "message" } }.',
        version: '1',
      },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
      security: [{ token: [] }],
    },
    // Only the APIs are documented; pages, assets and the staff UI are not an API.
    transform: ({ schema, url }) => ({ schema: url.startsWith('/api/') && !url.startsWith('/api/docs') ? schema : { ...schema, hide: true }, url }),
  });
  app.get('/api/docs/json', { schema: { hide: true } }, async (_request, reply) => reply.header('cache-control', 'no-cache').send(app.swagger()));
  app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) => {
    const spec = app.swagger() as unknown as Parameters<typeof DocsPage>[0]['spec'];
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(`<!doctype html>${renderToString(<DocsPage spec={spec} />)}`);
  });
}
