{{/* The chart's name, or nameOverride. */}}
{{- define "chartmirror.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The name of the release's objects: fullnameOverride, or RELEASE-NAME unless the release
name already contains the chart's name. */}}
{{- define "chartmirror.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The labels that select the operator's pods; never change them in an upgrade. */}}
{{- define "chartmirror.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chartmirror.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The labels of every object. */}}
{{- define "chartmirror.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "chartmirror.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: chartmirror
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "chartmirror.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "chartmirror.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* repository@digest, or repository:tag with the tag defaulting to the appVersion. */}}
{{- define "chartmirror.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The rules the operator needs where it reconciles ChartMirrors: in one namespace (a Role)
or in all (a ClusterRole). */}}
{{- define "chartmirror.operatorRules" -}}
- apiGroups: [chartmirror.io]
  resources: [chartmirrors]
  verbs: [get, list, watch, update, patch]
- apiGroups: [chartmirror.io]
  resources: [chartmirrors/status]
  verbs: [update, patch]
# Credentials, CA certificates and values files named by a ChartMirror, in its own namespace.
- apiGroups: [""]
  resources: [secrets, configmaps]
  verbs: [get, list, watch]
- apiGroups: ["", events.k8s.io]
  resources: [events]
  verbs: [create, patch]
{{- end -}}
