"""Built-in role catalogue: kriseledelse, beredskapsråd and exercise roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ovelse.i18n import N_, _

RoleGroup = Literal["kriseledelse", "beredskapsrad", "ovelse", "scenario"]

GROUP_NAMES: dict[str, str] = {
    "kriseledelse": N_("Kriseledelse"),
    "beredskapsrad": N_("Beredskapsråd"),
    "ovelse": N_("Øvingsroller"),
    "scenario": N_("Scenarioets egne roller"),
}
"""Group names (bokmål msgids): render with ``group_name``."""


def group_name(group: str) -> str:
    """The role group's name in the current language."""
    return _(GROUP_NAMES[group]) if group in GROUP_NAMES else group


@dataclass(frozen=True, slots=True)
class Role:
    """A role in the room: id used in scenarios, name and one-line responsibility.

    ``name_msgid`` and ``responsibility_msgid`` are the bokmål catalogue entries; ``name`` and
    ``responsibility`` render them in the current language.
    """

    id: str
    name_msgid: str
    group: RoleGroup
    responsibility_msgid: str

    @property
    def name(self) -> str:
        return _(self.name_msgid)

    @property
    def responsibility(self) -> str:
        return _(self.responsibility_msgid)


_CATALOGUE: tuple[Role, ...] = (
    # Kriseledelse
    Role(
        "ordforer",
        N_("Ordfører"),
        "kriseledelse",
        N_(
            "Kommunens ansikt utad; kan treffe hastevedtak etter kommuneloven § 11-8 dersom kommunestyret "
            "har gitt slik myndighet."
        ),
    ),
    Role(
        "kommunedirektor",
        N_("Kommunedirektør"),
        "kriseledelse",
        N_("Leder kommunens krisearbeid og administrasjon."),
    ),
    Role(
        "beredskapskoordinator",
        N_("Beredskapskoordinator"),
        "kriseledelse",
        N_("Stabsarbeid, situasjonsbilde og kontakt med Statsforvalteren."),
    ),
    Role(
        "kommuneoverlege",
        N_("Kommuneoverlege"),
        "kriseledelse",
        N_("Medisinskfaglig rådgivning og smittevern."),
    ),
    Role(
        "kommunalsjef-helse",
        N_("Kommunalsjef helse og omsorg"),
        "kriseledelse",
        N_("Sykehjem, hjemmetjenester og helsetjenester i krise."),
    ),
    Role(
        "kommunalsjef-oppvekst",
        N_("Kommunalsjef oppvekst"),
        "kriseledelse",
        N_("Skoler, barnehager og barn og unge."),
    ),
    Role(
        "kommunalsjef-teknisk",
        N_("Kommunalsjef teknisk / vann og avløp"),
        "kriseledelse",
        N_("Veier, bygg, vannforsyning og avløp."),
    ),
    Role(
        "kommunikasjonsansvarlig",
        N_("Kommunikasjonsansvarlig"),
        "kriseledelse",
        N_("Media, publikumstelefon, nettsider og sosiale medier."),
    ),
    Role(
        "loggforer",
        N_("Loggfører (kriseledelsen)"),
        "kriseledelse",
        N_("Fører kriseledelsens logg over hendelser og beslutninger."),
    ),
    Role(
        "ikt-ansvarlig",
        N_("IKT-ansvarlig"),
        "kriseledelse",
        N_("Kommunens IKT-systemer, digital sikkerhet og reserveløsninger."),
    ),
    Role(
        "eps-leder",
        N_("Leder for evakuerte- og pårørendesenter (EPS)"),
        "kriseledelse",
        N_("Mottak, registrering og omsorg for evakuerte og pårørende."),
    ),
    Role(
        "psykososialt-kriseteam",
        N_("Psykososialt kriseteam"),
        "kriseledelse",
        N_("Psykososial støtte til rammede, pårørende og innsatspersonell."),
    ),
    # Beredskapsråd
    Role(
        "politi",
        N_("Politiet"),
        "beredskapsrad",
        N_("Leder redningsinnsats; beslutter evakuering og sender Nødvarsel i fred."),
    ),
    Role(
        "heimevernet",
        N_("Heimevernet"),
        "beredskapsrad",
        N_("Vakthold og sikring av viktige objekter; støtte til politiet og sivilsamfunnet."),
    ),
    Role(
        "forsvaret",
        N_("Forsvaret"),
        "beredskapsrad",
        N_("Militære operasjoner og behov for sivil støtte (vertslandsstøtte)."),
    ),
    Role(
        "sivilforsvaret",
        N_("Sivilforsvaret"),
        "beredskapsrad",
        N_(
            "Forsterkning ved evakuering og tilfluktsrom; drifter tyfonene (flyalarm) og kan sende Nødvarsel "
            "i krig."
        ),
    ),
    Role(
        "brann-og-redning",
        N_("Brann og redning"),
        "beredskapsrad",
        N_("Brannvern, redningsinnsats og akutt forurensning."),
    ),
    Role(
        "rode-kors",
        N_("Røde Kors"),
        "beredskapsrad",
        N_("Frivillig innsats: søk, førstehjelp, omsorg og mottak."),
    ),
    Role(
        "norsk-folkehjelp",
        N_("Norsk Folkehjelp"),
        "beredskapsrad",
        N_("Frivillig redningstjeneste og støtte ved evakuering."),
    ),
    Role(
        "frivillige",
        N_("Andre frivillige organisasjoner"),
        "beredskapsrad",
        N_("Lag og foreninger som kan mobiliseres lokalt."),
    ),
    Role(
        "helseforetak",
        N_("Helseforetak / AMK"),
        "beredskapsrad",
        N_("Spesialisthelsetjeneste, ambulanse og akuttmedisinsk kommunikasjon."),
    ),
    Role(
        "nve",
        N_("NVE"),
        "beredskapsrad",
        N_("Flom, skred og damsikkerhet; farevarsler, faglig råd og tilsyn med dammer."),
    ),
    Role(
        "statsforvalteren",
        N_("Statsforvalteren"),
        "beredskapsrad",
        N_("Samordner regionalt, veileder kommunen og formidler til sentrale myndigheter."),
    ),
    Role(
        "mattilsynet",
        N_("Mattilsynet"),
        "beredskapsrad",
        N_("Trygg mat og drikkevann; tilsyn med vannverk."),
    ),
    Role(
        "statens-vegvesen",
        N_("Statens vegvesen"),
        "beredskapsrad",
        N_("Riksveier og trafikkstyring; stengning og omkjøring."),
    ),
    Role(
        "fylkeskommunen",
        N_("Fylkeskommunen"),
        "beredskapsrad",
        N_("Fylkesveier, kollektivtransport og videregående skoler."),
    ),
    Role(
        "nettselskap",
        N_("Nettselskap (strøm)"),
        "beredskapsrad",
        N_("Strømforsyning, feilretting og prioritering av gjenoppretting."),
    ),
    Role(
        "ekom",
        N_("Ekom (telekom)"),
        "beredskapsrad",
        N_("Mobil- og fastnett, reservestrøm på basestasjoner."),
    ),
    Role(
        "naeringsliv",
        N_("Lokal industri og næringsliv"),
        "beredskapsrad",
        N_("Større virksomheter med egne beredskapsplaner og ressurser."),
    ),
    # Exercise roles
    Role(
        "ovingsleder",
        N_("Øvingsleder"),
        "ovelse",
        N_("Leder øvelsen, gir innspill og holder tiden."),
    ),
    Role(
        "spiller",
        N_("Spiller / deltaker"),
        "ovelse",
        N_("Deltar i diskusjonen i sin egen rolle."),
    ),
    Role(
        "referent",
        N_("Referent (øvelsen)"),
        "ovelse",
        N_("Noterer beslutninger, uenighet og åpne spørsmål i øvelsen."),
    ),
    Role(
        "observator",
        N_("Observatør / evaluator"),
        "ovelse",
        N_("Vurderer gjennomføringen opp mot øvingsmålene."),
    ),
    Role(
        "fagressurs",
        N_("Fagressurs / innleder"),
        "ovelse",
        N_("Gir faglige innledninger og svarer på fagspørsmål."),
    ),
)

CATALOGUE: dict[str, Role] = {role.id: role for role in _CATALOGUE}


def catalogue_role(role_id: str) -> Role | None:
    """Return the built-in role with this id, or None."""
    return CATALOGUE.get(role_id)
