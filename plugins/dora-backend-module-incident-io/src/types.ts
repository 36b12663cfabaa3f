/**
 * A value of an incident custom field (`custom_field_entries[].values[]`).
 *
 * @public
 */
export interface IncidentIoCustomFieldValue {
  /** Set for catalog-type fields: the catalog entry. */
  value_catalog_entry?: {
    id: string;
    name: string;
    external_id?: string;
    aliases?: string[];
  };
  /** Set for select fields. */
  value_option?: { id: string; value: string };
  /** Set for text fields. */
  value_text?: string;
  /** Set for numeric fields, as a decimal string. */
  value_numeric?: string;
  /** Set for link fields. */
  value_link?: string;
}

/**
 * An incident as served by the incident.io v2 API (the fields this module
 * reads).
 *
 * @public
 */
export interface IncidentIoIncident {
  /** The incident's id. */
  id: string;
  /** E.g. `INC-123`. */
  reference?: string;
  /** The incident's title. */
  name?: string;
  /** `standard`, `retrospective`, `test` or `tutorial`. */
  mode: string;
  /** The status; its category drives open/resolved. */
  incident_status: { id?: string; name?: string; category: string };
  /** The severity, if set. */
  severity?: { id?: string; name: string } | null;
  /** The incident type (on accounts using incident types). */
  incident_type?: { id?: string; name: string; is_default?: boolean } | null;
  /** When the incident was created (ISO 8601). */
  created_at: string;
  /** Its last change (ISO 8601). */
  updated_at: string;
  /** Lifecycle timestamps, e.g. `Reported at`, `Resolved at`. */
  incident_timestamp_values?: Array<{
    incident_timestamp: { id?: string; name: string };
    value?: { value?: string } | null;
  }>;
  /** Custom field values, e.g. the affected services. */
  custom_field_entries?: Array<{
    custom_field: { id: string; name: string; field_type?: string };
    values: IncidentIoCustomFieldValue[];
  }>;
}
