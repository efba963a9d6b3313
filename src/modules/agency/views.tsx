/**
 * The agency's public pages: giới thiệu, the org chart, a unit, the leaders, contacts.
 * Views only: values come formatted and in the page's language; a text shown in
 * Vietnamese on an English page (no translation entered) carries lang="vi".
 */
import type { ComponentChildren } from 'preact';
import type { ImageView } from '../media/index.js';
import type { UiStrings } from '../public-site/ui-strings.js';
import { Breadcrumb, Picture } from '../public-site/views/components.js';
import type { AgencyStrings } from './agency.strings.js';

/** A text in the page's language, or in Vietnamese for want of a translation. */
export interface Text {
  text: string;
  lang?: 'vi';
}

export interface PageFrameView {
  t: AgencyStrings;
  ui: UiStrings;
  homeUrl: string;
  crumbs: { label: string; url: string }[];
  /** When what the page shows last changed: dd/mm/yyyy and the ISO time. */
  updated?: { date: string; iso: string };
}

export interface LinkView {
  label: Text;
  url: string;
}

export interface ChartNodeView {
  name: Text;
  url: string;
  kind: string;
  children: ChartNodeView[];
}

export interface ChartRootView extends ChartNodeView {
  /** The root's units, in columns by kind. */
  columns: { label: string; nodes: ChartNodeView[] }[];
}

export interface PersonView {
  anchor: string;
  name: string;
  position: Text;
  unit: LinkView | null;
  fields: Text[];
  phone: string;
  email: string;
  photo: ImageView | null;
}

export function T({ value }: { value: Text }) {
  return value.lang ? <span lang={value.lang}>{value.text}</span> : <>{value.text}</>;
}

/** Sanitised rich text (saved through sanitizeBody): the only raw HTML these pages show. */
function RichText({ html }: { html: Text }) {
  return <div class="article__body" lang={html.lang} dangerouslySetInnerHTML={{ __html: html.text }} />;
}

/** tel: of a phone as written ("0260 3862 000 - máy lẻ 12" dials 02603862000). */
export function telHref(phone: string): string {
  const main = phone.split(/[^0-9+ ().-]/)[0] ?? phone;
  return `tel:${main.replace(/[^0-9+]/g, '')}`;
}

function Phone({ phone }: { phone: string }) {
  return <a href={telHref(phone)}>{phone}</a>;
}

function Email({ email }: { email: string }) {
  return <a href={`mailto:${email}`}>{email}</a>;
}

function Frame({ frame, titleId, title, children }: { frame: PageFrameView; titleId: string; title: ComponentChildren; children: ComponentChildren }) {
  return (
    <>
      <Breadcrumb items={frame.crumbs} t={frame.ui} homeUrl={frame.homeUrl} />
      <section class="card agency" aria-labelledby={titleId}>
        <h1 id={titleId} class="section-title">
          {title}
        </h1>
        {children}
        {frame.updated && (
          <p class="agency__updated">
            {frame.t.updatedOn}: <time datetime={frame.updated.iso}>{frame.updated.date}</time>
          </p>
        )}
      </section>
    </>
  );
}

function SeeAlso({ t, links }: { t: AgencyStrings; links: { label: string; url: string }[] }) {
  return (
    <nav class="agency__see-also" aria-label={t.seeAlso}>
      <h2>{t.seeAlso}</h2>
      <ul>
        {links.map((link) => (
          <li>
            <a href={link.url}>{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface ContactFactsView {
  address: Text | null;
  phone: string;
  fax: string;
  email: string;
  officeHours: Text[];
  mapUrl: string;
}

function ContactFacts({ t, facts }: { t: AgencyStrings; facts: ContactFactsView }) {
  return (
    <dl class="agency__facts">
      {facts.address && (
        <>
          <dt>{t.address}</dt>
          <dd>
            <T value={facts.address} />
          </dd>
        </>
      )}
      {facts.phone && (
        <>
          <dt>{t.phone}</dt>
          <dd>
            <Phone phone={facts.phone} />
          </dd>
        </>
      )}
      {facts.fax && (
        <>
          <dt>{t.fax}</dt>
          <dd>{facts.fax}</dd>
        </>
      )}
      {facts.email && (
        <>
          <dt>{t.email}</dt>
          <dd>
            <Email email={facts.email} />
          </dd>
        </>
      )}
      {facts.officeHours.length > 0 && (
        <>
          <dt>{t.officeHours}</dt>
          <dd>
            {facts.officeHours.map((line, i) => (
              <>
                {i > 0 && <br />}
                <T value={line} />
              </>
            ))}
          </dd>
        </>
      )}
      {facts.mapUrl && (
        <>
          <dt>{t.map}</dt>
          <dd>
            <a href={facts.mapUrl} rel="noopener noreferrer">
              {t.mapLink}
            </a>
          </dd>
        </>
      )}
    </dl>
  );
}

// ---- /co-quan ----

export interface OverviewModel {
  frame: PageFrameView;
  siteName: Text;
  governingBody: Text | null;
  overviewHtml: Text | null;
  functionsHtml: Text | null;
  facts: ContactFactsView;
  links: { label: string; url: string }[];
}

export function OverviewPage({ model }: { model: OverviewModel }) {
  const { t } = model.frame;
  return (
    <Frame frame={model.frame} titleId="tieu-de-co-quan" title={t.overview}>
      <p class="agency__lead">
        <strong>
          <T value={model.siteName} />
        </strong>
        {model.governingBody && (
          <>
            {' '}
            ({t.governedBy}: <T value={model.governingBody} />)
          </>
        )}
      </p>
      <h2>{t.introduction}</h2>
      {model.overviewHtml ? <RichText html={model.overviewHtml} /> : <p>{t.notYet}</p>}
      <h2>{t.functions}</h2>
      {model.functionsHtml ? <RichText html={model.functionsHtml} /> : <p>{t.notYet}</p>}
      <h2>{t.agencyContacts}</h2>
      <ContactFacts t={t} facts={model.facts} />
      <SeeAlso t={t} links={model.links} />
    </Frame>
  );
}

// ---- /co-cau-to-chuc ----

function Box({ node }: { node: ChartNodeView }) {
  return (
    <a class={`org-chart__box org-chart__box--${node.kind}`} href={node.url}>
      <T value={node.name} />
    </a>
  );
}

/** A unit below the root's columns and its own units, as an indented list. */
function SubTree({ node }: { node: ChartNodeView }) {
  return (
    <li>
      <Box node={node} />
      {node.children.length > 0 && (
        <ul class="org-chart__sub">
          {node.children.map((child) => (
            <SubTree node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The chart: a tree of nested lists, named by the heading `labelledBy` points at. */
export function OrgChart({ roots, labelledBy }: { roots: ChartRootView[]; labelledBy: string }) {
  return (
    <div class="org-chart" id="so-do-to-chuc" role="group" aria-labelledby={labelledBy}>
      <ul>
        {roots.map((root) => (
          <li class="org-chart__root">
            <Box node={root} />
            {root.columns.length > 0 && (
              <ul class="org-chart__columns">
                {root.columns.map((column) => (
                  <li class="org-chart__column">
                    <span class="org-chart__group">{column.label}</span>
                    <ul class="org-chart__list">
                      {column.nodes.map((node) => (
                        <SubTree node={node} />
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface ChartModel {
  frame: PageFrameView;
  roots: ChartRootView[];
  byKind: { label: string; units: (LinkView & { phone: string })[] }[];
}

export function ChartPage({ model }: { model: ChartModel }) {
  const { t } = model.frame;
  if (model.roots.length === 0) {
    return (
      <Frame frame={model.frame} titleId="tieu-de-co-cau" title={t.orgChart}>
        <p>{t.noUnits}</p>
      </Frame>
    );
  }
  return (
    <Frame frame={model.frame} titleId="tieu-de-co-cau" title={t.orgChart}>
      <h2 id="tieu-de-so-do">{t.chartLabel}</h2>
      <OrgChart roots={model.roots} labelledBy="tieu-de-so-do" />
      <div class="agency-units-by-kind">
        <h2>{t.unitsByKind}</h2>
        {model.byKind.map((group) => (
          <>
            <h3>{group.label}</h3>
            <ul>
              {group.units.map((unit) => (
                <li>
                  <a href={unit.url}>
                    <T value={unit.label} />
                  </a>
                  {unit.phone && (
                    <>
                      {' '}
                      · {t.phone}: <Phone phone={unit.phone} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        ))}
      </div>
    </Frame>
  );
}

// ---- /co-cau-to-chuc/<slug> ----

export interface UnitModel {
  frame: PageFrameView;
  name: Text;
  kindLabel: string;
  parent: LinkView | null;
  functionsHtml: Text | null;
  people: PersonView[];
  children: LinkView[];
  phone: string;
  email: string;
}

export function UnitPage({ model }: { model: UnitModel }) {
  const { t } = model.frame;
  return (
    <Frame frame={model.frame} titleId="tieu-de-don-vi" title={<T value={model.name} />}>
      <p class="agency__kind">
        {model.kindLabel}
        {model.parent && (
          <>
            {' · '}
            {t.parentUnit}:{' '}
            <a href={model.parent.url}>
              <T value={model.parent.label} />
            </a>
          </>
        )}
      </p>
      <h2>{t.unitFunctions}</h2>
      {model.functionsHtml ? <RichText html={model.functionsHtml} /> : <p>{t.noFunctions}</p>}
      <h2 id="can-bo-don-vi">{t.people}</h2>
      {model.people.length ? (
        <div class="table-scroll">
          <table class="agency-table">
            <caption class="visually-hidden">{t.peopleCaption(model.name.text)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.position}</th>
                <th scope="col">{t.phone}</th>
                <th scope="col">{t.email}</th>
              </tr>
            </thead>
            <tbody>
              {model.people.map((person) => (
                <tr id={person.anchor}>
                  <th scope="row">{person.name}</th>
                  <td>
                    <T value={person.position} />
                  </td>
                  <td>{person.phone && <Phone phone={person.phone} />}</td>
                  <td>{person.email && <Email email={person.email} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t.noPeople}</p>
      )}
      {model.children.length > 0 && (
        <>
          <h2>{t.subUnits}</h2>
          <ul>
            {model.children.map((child) => (
              <li>
                <a href={child.url}>
                  <T value={child.label} />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {(model.phone || model.email) && (
        <>
          <h2>{t.unitContacts}</h2>
          <ContactFacts t={t} facts={{ address: null, phone: model.phone, fax: '', email: model.email, officeHours: [], mapUrl: '' }} />
        </>
      )}
    </Frame>
  );
}

// ---- /lanh-dao ----

export interface LeadersModel {
  frame: PageFrameView;
  leaders: PersonView[];
}

export function LeadersPage({ model }: { model: LeadersModel }) {
  const { t } = model.frame;
  return (
    <Frame frame={model.frame} titleId="tieu-de-lanh-dao" title={t.leaders}>
      {model.leaders.length === 0 ? (
        <p>{t.noLeaders}</p>
      ) : (
        <ul class="agency-people">
          {model.leaders.map((person) => (
            <li class="agency-person" id={person.anchor}>
              {person.photo ? <Picture image={person.photo} sizes="120px" className="agency-person__photo" /> : <span class="agency-person__no-photo" aria-hidden="true" />}
              <div>
                <h2>{person.name}</h2>
                <p class="agency-person__position">
                  <T value={person.position} />
                </p>
                <dl>
                  {person.unit && (
                    <>
                      <dt>{t.unit}</dt>
                      <dd>
                        <a href={person.unit.url}>
                          <T value={person.unit.label} />
                        </a>
                      </dd>
                    </>
                  )}
                  {person.fields.length > 0 && (
                    <>
                      <dt>{t.fieldsInCharge}</dt>
                      <dd>
                        <ul>
                          {person.fields.map((field) => (
                            <li>
                              <T value={field} />
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </>
                  )}
                  {person.phone && (
                    <>
                      <dt>{t.phone}</dt>
                      <dd>
                        <Phone phone={person.phone} />
                      </dd>
                    </>
                  )}
                  {person.email && (
                    <>
                      <dt>{t.email}</dt>
                      <dd>
                        <Email email={person.email} />
                      </dd>
                    </>
                  )}
                </dl>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}

// ---- /lien-he ----

export interface ContactModel {
  frame: PageFrameView;
  siteName: Text;
  facts: ContactFactsView;
  groups: { unit: LinkView | null; people: PersonView[] }[];
  units: (LinkView & { phone: string; email: string })[];
}

export function ContactPage({ model }: { model: ContactModel }) {
  const { t } = model.frame;
  return (
    <Frame frame={model.frame} titleId="tieu-de-lien-he" title={t.contact}>
      <p class="agency__lead">
        <strong>
          <T value={model.siteName} />
        </strong>
      </p>
      <ContactFacts t={t} facts={model.facts} />
      <h2 id="can-bo-dau-moi">{t.contactOfficials}</h2>
      {model.groups.length === 0 ? (
        <p>{t.noContacts}</p>
      ) : (
        <div class="table-scroll">
          <table class="agency-table">
            <caption>{t.contactOfficialsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.position}</th>
                <th scope="col">{t.phone}</th>
                <th scope="col">{t.email}</th>
              </tr>
            </thead>
            {model.groups.map((group) => (
              <tbody>
                <tr>
                  <th scope="colgroup" colSpan={4}>
                    {group.unit ? (
                      <a href={group.unit.url}>
                        <T value={group.unit.label} />
                      </a>
                    ) : (
                      t.otherContacts
                    )}
                  </th>
                </tr>
                {group.people.map((person) => (
                  <tr id={person.anchor}>
                    <th scope="row">{person.name}</th>
                    <td>
                      <T value={person.position} />
                    </td>
                    <td>{person.phone && <Phone phone={person.phone} />}</td>
                    <td>{person.email && <Email email={person.email} />}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      {model.units.length > 0 && (
        <>
          <h2>{t.unitsDirectory}</h2>
          <div class="table-scroll">
            <table class="agency-table">
              <caption class="visually-hidden">{t.unitsDirectoryCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.unit}</th>
                  <th scope="col">{t.phone}</th>
                  <th scope="col">{t.email}</th>
                </tr>
              </thead>
              <tbody>
                {model.units.map((unit) => (
                  <tr>
                    <th scope="row">
                      <a href={unit.url}>
                        <T value={unit.label} />
                      </a>
                    </th>
                    <td>{unit.phone && <Phone phone={unit.phone} />}</td>
                    <td>{unit.email && <Email email={unit.email} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Frame>
  );
}
